"""Text foundations every stage shares: Unicode and tone normalisation (normalize), tokens, the one lexicon matcher,
the vocabulary files of models/ (lexicons), sentences, and the Document that holds them for one page."""
