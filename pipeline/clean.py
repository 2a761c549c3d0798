"""Stage 2, boilerplate stripping: HTML pages and text dumps into a Page of kept blocks.

(Skeleton: per-CMS selectors and the text-dump stoplist land with issue 5.)
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    text: str
    kind: str  # "title" | "lead" | "paragraph" | "caption" | "table"


@dataclass
class Page:
    title: str | None
    blocks: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


def clean(content: str, kind: str = "text", url: str | None = None) -> Page:
    lines = [ln.strip() for ln in content.splitlines() if ln.strip()]
    blocks = [Block(ln, "paragraph") for ln in lines]
    title = None
    if blocks and len(blocks[0].text) < 200 and not blocks[0].text.endswith("."):
        blocks[0].kind = "title"
        title = blocks[0].text
    return Page(title, blocks)
