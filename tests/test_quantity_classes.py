"""Issue 13: the quantity grammar's rules for the classes of error seen on real pages nobody had tuned on.

Each table is one class of the issue, its cases written in the style of gov.vn news (our own sentences, not the
pages'), grouped by where the class was seen: the dev corpus's local (e*) and national (f*) pages, or our real
sets (tests/fixtures/real). A case is a phrase and the (value, unit) of every quantity in it; [] when nothing in it
is a metric.
"""
import pytest

from pipeline.metrics.quantities import find_quantities


def quantities(text):
    return [(q.value, q.unit) for q in find_quantities(text)]


# ---------------------------------------------------------------- how numbers are written

NUMBERS = {
    "two scale words make one number, kept in the first scale (real sets: exports, funds)": [
        ("kim ngạch xuất khẩu ước đạt 2 tỷ 450 triệu USD, tăng 4%", [(2.45, "tỷ USD"), (4, "%")]),
        ("tổng kinh phí 1 tỷ 260 triệu đồng", [(1.26, "tỷ đồng")]),
        ("tổng đàn gia cầm 5 triệu 310 nghìn con", [(5.31, "triệu con")]),
        ("hỗ trợ 12 tỷ 50 triệu đồng xây nhà", [(12.05, "tỷ đồng")]),
        ("trao 2 triệu 5 trăm nghìn đồng mỗi suất", [(2.5, "triệu đồng")]),
        ("thu 3 nghìn tỷ đồng", [(3, "nghìn tỷ đồng")]),  # a compound scale, not two amounts
    ],
    "a dot before one digit is an English decimal point, no thousands mark (our probes: copied wire text)": [
        ("GDP quý I tăng 5.5%, cao gấp 1.2 lần", [(5.5, "%"), (1.2, "lần")]),
        ("thu 1.250 tỷ đồng", [(1250, "tỷ đồng")]),
        ("theo Điều 5.2 của Luật", []),
        ("Cơ cấu gồm: 2.3 Phòng Điều hành hệ thống; 2.4 Phòng Phần mềm ứng dụng", []),  # an outline's numbers
    ],
    "a house number after an address's cue (our probes: portal contact pages)": [
        ("Trụ sở tại: 185 Giảng Võ, Đống Đa, Hà Nội", []),
        ("Địa chỉ: 12 Lê Duẩn, phường Bến Nghé; có 45 cán bộ", [(45, "cán bộ")]),
    ],
    "the dong written 'đ' (gov.vn price and support notices)": [
        ("giá thu mua 12.500đ/kg", [(12500, "đ/kg")]),
        ("hỗ trợ 60 tỷ đ cho các xã", [(60, "tỷ đ")]),
        ("khen thưởng 45 đồng chí", [(45, "đồng chí")]),
    ],
    "a unit glued to the number, even one ending in a digit (real sets: land areas)": [
        ("thửa đất diện tích 150m2 và thửa 42 diện tích 90m2", [(150, "m2"), (90, "m2")]),
        ("xã mới rộng 12,4km2", [(12.4, "km2")]),
        ("chủng virus H5N1 lây lan", []),
    ],
    "a count after '/' is a second quantity (dev e-pages)": [
        ("đồng bào dân tộc thiểu số có 210 hộ/845 khẩu", [(210, "hộ"), (845, "khẩu")]),
        ("mật độ 500 người/km2", [(500, "người/km2")]),
        ("tổng tỷ suất sinh đạt 2,1 con/phụ nữ", [(2.1, "con/phụ nữ")]),  # the base a whole word
        ("học phí 1,5 triệu đồng/năm học", [(1.5, "triệu đồng/năm học")]),
    ],
    "a rate: a power of ten after '/' or 'trên' is its base, no metric (our held-out sets)": [
        ("tỷ lệ mắc 180,5 ca/100.000 dân", [(180.5, "ca/100.000 dân")]),
        ("tỷ lệ mắc lao 5,6 ca trên 100.000 dân", [(5.6, "ca/100.000 dân")]),
        ("tỷ số giới tính khi sinh là 112 bé trai/100 bé gái", [(112, "bé")]),
    ],
    "ages are attributes, an average age is measured (dev e-pages, real sets, our held-out sets)": [
        ("Ông Trần Văn B (58 tuổi), quê xã Hòa An", []),
        ("ông sinh năm 1970, năm nay 55 tuổi", []),
        ("tuổi thọ trung bình của người dân đạt 74,5 tuổi", [(74.5, "tuổi")]),
    ],
    "a range whose first end has only the scale word (real sets)": [
        ("thu nhập từ 95 triệu đến 110 triệu đồng/người/năm",
         [(95, "triệu đồng/người/năm"), (110, "triệu đồng/người/năm")]),
    ],
}

# ---------------------------------------------------------------- what the words before a number make it

CONTEXTS = {
    "ISO dates of crawler metadata before a headline (dev f-pages, real sets)": [
        ("date 2025-08-14 Chủ tịch Quốc hội tiếp Đoàn đại biểu", []),
        (" date 2024-11-30 Bí thư Tỉnh ủy làm việc", []),
    ],
    "'dân số', 'hằng năm', 'đến nay' head a measured number, not a label (dev e-pages, real sets)": [
        ("xã có diện tích tự nhiên 45,2 km2; dân số 21.430 người", [(45.2, "km2"), (21430, "người")]),
        ("tỉnh có quy mô dân số 1,6 triệu người", [(1.6, "triệu người")]),
        ("thôn có dân số 820 hộ (3.950 khẩu)", [(820, "hộ"), (3950, "khẩu")]),
        ("tổng giá trị sản xuất tăng bình quân hàng năm 7,2%", [(7.2, "%")]),
        ("tỷ lệ hộ nghèo giảm bình quân hằng năm 1,85%.", [(1.85, "%")]),
        ("đến nay 54/54 ý kiến đã được trả lời", [(54, "ý kiến")]),
        ("trong năm 2024 đạt 12 tỷ đồng", [(12, "tỷ đồng")]),  # the year itself stays a date
    ],
    "a verb that names a document only when capitalised (real sets)": [
        ("HĐND tỉnh sẽ xem xét, quyết định 14 nội dung quan trọng", [(14, "nội dung")]),
        ("theo Quyết định 1520 của UBND tỉnh", []),
    ],
    "codes, rankings and plot labels (real sets)": [
        ("trong bối cảnh dịch Covid - 19 còn phức tạp", []),
        ("kinh tế tỉnh đứng vị trí 9/13 tỉnh, thành vùng ĐBSCL", []),
        ("thửa 27 tờ bản đồ 14 xã Tân Lập", []),
    ],
}


# ---------------------------------------------------------------- what is counted

NOUNS = {
    "abbreviations outside the lexicon are counted nouns (dev f-pages, real sets)": [
        ("đội ngũ gần 45.000 CBCNV trên các lĩnh vực", [(45000, "CBCNV")]),
        ("trường có 36 HS đạt giải cấp tỉnh", [(36, "HS")]),
        ("thành lập mới 4 HTX nông nghiệp", [(4, "HTX")]),
        ("Đoàn có 6 ĐBQH", [(6, "ĐBQH")]),  # an abbreviation ending the text is no cut-off word
        ("tại kỳ họp 12 HĐND thành phố", []),  # a numbered session
        ("tuyến Vành đai 4 TP.HCM", []),  # a road's number, then a name
        ("tệp đính kèm (120 KB)", []),  # a file size is page furniture
    ],
    "proper nouns as the counted noun: the head of the name (dev e/f-pages, real sets)": [
        ("đến nay có 21/34 Cục Thuế đạt dự toán", [(21, "cục")]),
        ("toàn huyện có 412 liệt sỹ, 9 Mẹ Việt Nam Anh hùng", [(412, "liệt sỹ"), (9, "mẹ")]),
        ("trao tặng 7 Huân chương Lao động hạng Ba, 2 Huân chương", [(7, "huân chương"), (2, "huân chương")]),
        ("kỳ họp đã bầu 18 Hội thẩm Tòa án nhân dân tỉnh", [(18, "hội thẩm")]),
        ("bầu trưởng, phó 3 Ban của HĐND xã", [(3, "ban")]),
        ("trình 2 Luật (Luật Đất đai sửa đổi và Luật Nhà ở)", [(2, "luật")]),
        ("khám bệnh tại cơ sở 3 Trung tâm Y tế huyện", []),  # the number labels "cơ sở"
        ("trụ sở tại 12 Nguyễn Du, phường Bến Nghé", []),  # an address
    ],
    "nouns with a verb reading, and verbs (real sets)": [
        ("Quốc hội đã phê duyệt 97/100 quy hoạch", [(97, "quy hoạch")]),
        ("tỉnh xác định 3 đột phá chiến lược", [(3, "đột phá")]),
        ("Ban tiếp dân tiếp nhận 210 phản ánh, giải quyết 14 tố cáo", [(210, "phản ánh"), (14, "tố cáo")]),
        ("Vùng Cảnh sát biển 2 triển khai kế hoạch", []),
        ("Bộ Tư lệnh Vùng CSB 4 duy trì nghiêm chế độ trực", []),
    ],
    "modifiers stay with the noun; 'số' gives way to it (dev e-pages, real sets)": [
        ("trao quyết định cho 54 tân Bí thư xã, phường", [(54, "tân Bí thư")]),
        ("phiên phúc thẩm đối với hai cựu chủ tịch UBND tỉnh", [(2, "cựu chủ tịch")]),
        ("với 45/47 số phiếu tán thành", [(45, "phiếu")]),
        ("có 3 chi bộ thuộc Đảng bộ cơ sở", [(3, "chi bộ")]),  # "bộ thuộc" is no word of the noun
    ],
    "a spelled 'một' before a title counts one office holder (dev e-pages, real sets)": [
        ("HĐND tỉnh bầu bổ sung một Phó Chủ tịch UBND tỉnh và một Ủy viên UBND tỉnh",
         [(1, "phó Chủ tịch"), (1, "ủy viên")]),
        ("nghỉ hưu trước tuổi đối với 5 Phó giám đốc sở và một Phó chánh Văn phòng",
         [(5, "phó giám đốc"), (1, "phó chánh")]),
        ("là một trong những địa phương dẫn đầu, một số chỉ tiêu", []),
    ],
    "two naming the two sides of a relationship; honorifics for people named, in words (real sets)": [
        ("lãnh đạo hai nước đánh giá cao", []),
        ("hai bên nhất trí tăng cường hợp tác", []),
        ("hệ thống chiếu sáng hai bờ sông Hương", []),
        ("Sau lễ đón, hai lãnh đạo hội đàm", []),
        ("quan hệ hữu nghị giữa 2 tỉnh Sơn La và Hủa Phăn", []),
        ("Kết quả, cả hai ông đều trúng cử", []),
        # written with digits, the annotators count them (real sets r16, r27, r30)
        ("Cả 3 ông đều có thời hạn bổ nhiệm là 5 năm.", [(3, "ông")]),
        ("2 ông Chiêm và Trường hiện là Phó Tổng tham mưu trưởng", [(2, "ông")]),
        ("xã có 6 Bà mẹ Việt Nam anh hùng", [(6, "bà mẹ")]),
        ("Hai tỉnh đã ký biên bản ghi nhớ", [(2, "tỉnh")]),  # as the subject of a clause: counted
        ("có 3 nước tham gia diễn tập", [(3, "nước")]),
    ],
}

# ---------------------------------------------------------------- ratios and page chrome

RATIOS = {
    "a bare ratio is a metric after a vote word or 'đạt' (real sets)": [
        ("được bầu làm Chủ tịch HĐND tỉnh với số phiếu bầu 51/53.", [(51, "phiếu")]),
        ("Với số phiếu tín nhiệm 40/40, ông A trúng cử", [(40, "phiếu")]),
        ("kết quả kiểm tra đạt 25/25.", [(25, "")]),
        ("xã đạt 17/19 tiêu chí nông thôn mới", [(17, "tiêu chí")]),
        ("Chiều 5/9, đoàn công tác", []),  # a bare "5/9" elsewhere is a date
    ],
}

CHROME = {
    "counters, zoom and weather boxes of the page (dev, real sets)": [
        ("Thứ 6, 01/11/2024 | 15:58:47\n3,215 lượt xem\nChiều ngày 1/11, Huyện ủy", []),
        ("Lượt xem: 5547\n", []),
        ("Đăng ngày 11 - 11 - 2023\n100%\n\nNgày 11/11/2023, đồng chí", []),
        ("Hà Nội 21 °C\nTP Hồ Chí Minh 31 °C\n  • Đà Nẵng 26°C\n", []),
        ("Tăng trưởng 8%\nTheo báo cáo", [(8, "%")]),  # a headline, not chrome
        ("Hà Nội: 30 doanh nghiệp được vinh danh\n", [(30, "doanh nghiệp")]),
    ],
    "unaccented image captions and units cut off by the end of the excerpt (real sets)": [
        ("Quang Nam: Thu hut 20 du an dau tu - Anh 1\nTỉnh đã thu hút 20 dự án.", [(20, "dự án")]),
        ("UBND tỉnh trao quyết định cho 54 tân Bí thư xã. Chi tiết Bí thư 54 phư", [(54, "tân Bí thư")]),
    ],
}

# ---------------------------------------------------------------- seen on the real sets r13–r15

REAL_R13_R15 = {
    "a rank opening its clause is what the bare cap after it counts (r15: the caps of each general rank)": [
        ("Cấp bậc hàm cao nhất: Thượng tướng với Phó Tổng Tham mưu trưởng, số lượng không quá 8; Trung tướng, số "
         "lượng không quá 40 và Thiếu tướng, không quá 160.",
         [(8, "Thượng tướng"), (40, "Trung tướng"), (160, "Thiếu tướng")]),
        ("Đơn vị, số lượng không quá 6.", []),  # no rank: a bare number stays no metric
    ],
    "the month of a date written with a dash (r14)": [
        ("chậm nhất ngày 20-11 lực lượng tăng cường sẽ rút về đơn vị", []),
        ("huy động 15 - 20 tình nguyện viên mỗi ngày", [(15, "tình nguyện viên"), (20, "tình nguyện viên")]),
    ],
    "money after a word that labels numbers elsewhere (r13: budget shares)": [
        ("nguồn vốn ngân sách Trung ương 120 tỷ đồng, ngân sách tỉnh 35 tỷ đồng", [(120, "tỷ đồng"), (35, "tỷ đồng")]),
        ("Hội nghị Trung ương 8 khóa XIII", []),
    ],
    "'kỷ luật' is no law (r14: party discipline figures)": [
        ("thi hành kỷ luật 3 đảng viên, chuẩn y hình thức kỷ luật 2 trường hợp", [(3, "đảng viên"), (2, "trường hợp")]),
        ("thực hiện theo Luật 18 của Quốc hội", []),
    ],
    "days of Tết and photo numbers are labels (r13, r15)": [
        ("sáng 28 Tết, đoàn đến thăm 40 hộ nghèo", [(40, "hộ nghèo")]),
        ("Toàn cảnh hội nghị - ảnh 1 Bí thư Tỉnh ủy phát biểu", []),
    ],
    "the sex of the people counted modifies the noun, not a verb (r15)": [
        ("đợt này có 4 nữ cán bộ và 6 nam sĩ quan được thăng quân hàm", [(4, "nữ cán bộ"), (6, "nam sĩ quan")]),
        ("tỉnh có 3 nam, 2 nữ trúng cử", [(3, "nam"), (2, "nữ")]),
    ],
    "the two heads of two states or governments are the two sides (r15)": [
        ("Hai Thủ tướng chứng kiến lễ ký 5 văn kiện hợp tác", [(5, "văn kiện")]),
        ("Hai nhà lãnh đạo cùng duyệt đội danh dự", []),
        ("Chính phủ có 2 Phó Thủ tướng phụ trách", [(2, "phó Thủ tướng")]),  # deputies of one government count
    ],
}

# ---------------------------------------------------------------- issue 13, after the first look at r16–r17

REAL_R16_R17 = {
    "a place before a count owns it, and so does any name in a breakdown by name (r17: flood damage; held-out: "
    "gifts)": [
        ("lũ quét làm 5 người chết (Yên Bái 3 người, Hòa Bình 1 người, Phú Thọ 1 người)",
         [(5, "người"), (3, "người"), (1, "người"), (1, "người")]),
        ("nhiều nhất là Nghệ An 120 nhà, tiếp đến là Thanh Hóa 64 nhà", [(120, "nhà"), (64, "nhà")]),
        ("Hội trao tặng kiều bào tại Lào 300 suất quà", [(300, "suất quà")]),
        ("thiệt hại nặng nhất là huyện Mường Lát 14 nhà, huyện Quan Sơn 9 nhà", [(14, "nhà"), (9, "nhà")]),
        ("Trường THCS Tân Phú 2 tổ chức lễ khai giảng", []),  # a school's number, no level word before the name
        ("số ca mắc tập trung ở Bệnh viện Xanh Pôn 14 ca, Bệnh viện Bạch Mai 6 ca", [(14, "ca"), (6, "ca")]),
        ("Tổ công tác gồm Sở Y tế 2 người, Sở Tài chính 1 người", [(2, "người"), (1, "người")]),
        ("Vùng 4 Hải quân, Vùng 3 Hải quân cùng tham gia", []),  # numbered names, no counted noun
        ("cơ cấu: khối Đảng 11 người, khối chính quyền 19 người", [(11, "người"), (19, "người")]),
        ("Bệnh viện Chợ Rẫy 3 ca mổ thành công", []),  # no list: the name may carry the number
        ("Sư đoàn 312 tổ chức hội thi", []),  # a unit numbered, not a place
        ("Quân khu 7 đơn vị đứng đầu", []),
    ],
    "two communes, districts, hospitals or schools closing their phrase are the two partners (r13, r16)": [
        ("Ban Thường vụ chúc Tết cán bộ và Nhân dân hai xã; đồng thời đề nghị", []),
        ("niềm vui đến toàn thể cán bộ, công nhân viên hai bệnh viện.", []),
        ("Hai trường đã phối hợp đào tạo 120 sinh viên", [(2, "trường"), (120, "sinh viên")]),  # a clause's subject
        ("tỉnh khánh thành 3 trường, 2 bệnh viện mới", [(3, "trường"), (2, "bệnh viện")]),
    ],
    "'<word> viên' names people, even after a level or a verb (r16: party discipline; held-out: census staff)": [
        ("kỷ luật 9 đảng viên, trong đó có 2 cấp ủy viên", [(9, "đảng viên"), (2, "cấp ủy viên")]),
        ("huy động 850 điều tra viên và 40 giám sát viên", [(850, "điều tra viên"), (40, "giám sát viên")]),
        ("tuyển dụng 120 cán bộ viên chức", [(120, "cán bộ")]),  # "viên chức" is a word of its own
        ("chính quyền địa phương 2 cấp", []),
    ],
    "after a verb or 'và' a compound tagged a verb is the counted object (held-out: investment, exchanges)": [
        ("tỉnh đã ký kết 9 thỏa thuận hợp tác", [(9, "thỏa thuận")]),
        ("tổ chức 3 đoàn công tác và 4 hội thảo khoa học", [(3, "đoàn công tác"), (4, "hội thảo")]),
        ("Đề án 06 triển khai trên toàn tỉnh", []),  # after a noun the number labels it
        ("hội nghị diễn ra ngày 7/11 vừa qua", []),
    ],
    "nouns of the lexicon in the old tone placement (held-out: 'thoả', 'uỷ')": [
        ("ký 12 thoả thuận ghi nhớ", [(12, "thoả thuận")]),
        ("có 3 cấp uỷ viên bị kỷ luật", [(3, "cấp uỷ viên")]),
    ],
    "'định kỳ' and 'cùng kỳ' head a frequency or a gap, 'kỳ' alone labels (held-out: sampling, growth)": [
        ("cơ quan chức năng lấy mẫu nước định kỳ 4 lần/năm", [(4, "lần/năm")]),
        ("GRDP tăng 8,1%, cao hơn cùng kỳ 0,6 điểm phần trăm", [(8.1, "%"), (0.6, "điểm phần trăm")]),
        ("tại kỳ 2 của năm học", []),
    ],
    "after 'mỗi'/'từng' a label word names each one's share (our probes: training, elections)": [
        ("mở 4 lớp, mỗi lớp 35 học viên", [(4, "lớp"), (35, "học viên")]),
        ("chia 3 đợt, mỗi đợt 120 người", [(3, "đợt"), (120, "người")]),
        ("lớp 12 có 40 học sinh", [(40, "học sinh")]),  # a class's grade, no share
    ],
    "a physical unit after a label word measures what it labels (our probes: roads and land)": [
        ("huyện nâng cấp tuyến 18 km, trong đó đoạn đường 4,5 km qua trung tâm", [(18, "km"), (4.5, "km")]),
        ("quy hoạch khu 120 ha phía Bắc thành phố", [(120, "ha")]),
        ("tuyến 18 xe buýt", []),  # the route's number
        ("sáng ngày 5 tấn công đồn địch", []),  # a day, and "tấn công" a verb
    ],
    "'thiểu số', 'đa số' end in 'số' but label nothing (our probes: personnel structure)": [
        ("trong đó nữ 12 người, người dân tộc thiểu số 7 người", [(12, "người"), (7, "người")]),
        ("theo Nghị quyết số 18", []),
    ],
    "'năm' and 'một' alone count in a list of counts in words (r15: awards)": [
        ("Dịp này, năm tập thể và một cá nhân được tặng Bằng khen", [(5, "tập thể"), (1, "cá nhân")]),
        ("khen thưởng ba đơn vị, năm cá nhân", [(3, "đơn vị"), (5, "cá nhân")]),
        ("Trong năm doanh nghiệp và người dân đã đóng góp tích cực", []),  # the year
        ("một số tập thể và cá nhân còn chậm", []),  # "một số": some
        ("năm học này có hai trường đạt chuẩn", [(2, "trường")]),
        ("doanh nghiệp ủng hộ một tỷ đồng, mỗi suất quà năm trăm nghìn đồng", [(1, "tỷ đồng"), (500, "nghìn đồng")]),
        ("Năm triệu lượt khách đã đến tỉnh", [(5, "triệu lượt khách")]),  # before a scale word, a number
        ("vùng đất một nghìn năm văn hiến", []),
    ],
    "a capitalised name in quotes is what is counted, a quoted slogan is none (held-out: charity houses)": [
        ("Hội đã xây 56 “Mái ấm tình thương” với kinh phí 2,8 tỷ đồng",
         [(56, "Mái ấm tình thương"), (2.8, "tỷ đồng")]),
        ('bàn giao 9 "Nhà đại đoàn kết" cho hộ nghèo', [(9, "Nhà đại đoàn kết")]),
        ('các căn nhà đều đạt tiêu chí "3 cứng"', []),
        ("thực hiện tốt phương châm “4 tại chỗ”", []),
    ],
    "after a verb the word list leaves untagged an abbreviation is counted (our probes: party and labour reports)": [
        ("năm qua, Đảng bộ kết nạp 46 ĐVM", [(46, "ĐVM")]),
        ("doanh nghiệp tuyển 850 LĐ địa phương", [(850, "LĐ")]),
        ("Vùng CSB 3 triển khai", []),  # a label, as before
    ],
    "units of mass and concentration the grammar lacked (our probes: health and environment notices)": [
        ("mẫu nước có hàm lượng amoni 1,8 mg/l, vượt 3 lần", [(1.8, "mg/l"), (3, "lần")]),
        ("thu giữ 500 gam ma túy đá", [(500, "gam")]),
        ("nồng độ CO2 ngoài trời khoảng 420 ppm", [(420, "ppm")]),
    ],
}

REAL_R18_R21 = {
    "two heads of one body each acting together are the two sides' heads; as an object they count (r19, r21)": [
        ("Tiếp đó, hai Bộ trưởng Tài chính đã ký biên bản ghi nhớ về hợp tác", []),
        ("Tại hội đàm, hai Bộ trưởng nhất trí thúc đẩy thương mại song phương", []),
        ("Hai Chủ tịch tỉnh đều khẳng định quyết tâm mở cửa khẩu", []),
        ("Quốc hội phê chuẩn bổ nhiệm hai Bộ trưởng nhiệm kỳ mới", [(2, "bộ trưởng")]),
        ("Đoàn giám sát chất vấn hai Giám đốc Sở về tiến độ giải ngân", [(2, "giám đốc")]),
        ("Tại kỳ họp, hai giám đốc doanh nghiệp được tuyên dương trước hội nghị", [(2, "giám đốc")]),  # passive
        ("hai Phó Thủ tướng đã dự lễ khởi công", [(2, "phó Thủ tướng")]),  # a government has several deputies
        ("Bộ trưởng hy vọng hai cơ quan sẽ tăng cường trao đổi thông tin", []),  # the two partner agencies
        ("đoàn kiểm tra 2 cơ quan về công tác phòng cháy", [(2, "cơ quan")]),
    ],
    "a noun with a verb reading counted: a strategy's priorities (r19)": [
        ("Khung đối tác tập trung vào bốn ưu tiên chính là: tăng trưởng bao trùm; đầu tư vào con người",
         [(4, "ưu tiên")]),
        ("tỉnh ưu tiên 2 nhóm đối tượng", [(2, "nhóm")]),
    ],
    "an honorific before a verb refers back to the people named (r21)": [
        ("Hai ông gửi lời chúc mừng tới lãnh đạo tỉnh", []),
        ("Hội tặng quà 5 bà mẹ Việt Nam anh hùng", [(5, "bà mẹ")]),
    ],
    "the two governments of a twinning are the two sides (r18)": [
        ("quan hệ hợp tác giữa 2 chính quyền tỉnh Bình Phước và tỉnh Kratie", []),
        ("Ban Thường vụ phân công cán bộ giúp 2 chính quyền xã hoàn thiện bộ máy", [(2, "chính quyền")]),
    ],
    "a side noun the dictionary joins to the verb after it is still the two sides (r19: 'bên có')": [
        ("Như vậy, hai bên có khả năng hoàn thành mục tiêu kim ngạch", []),
        ("hai bên đã ký kết 3 văn kiện hợp tác", [(3, "văn kiện")]),
    ],
    "'một', 'năm' alone count after a qualifier only a number takes, beside a count in digits, 'năm' after a verb "
    "(r18, r20, r21)": [
        ("phấn đấu mỗi tỉnh có ít nhất một huyện đạt chuẩn nông thôn mới", [(1, "huyện")]),
        ("đến cuối năm không còn xã dưới năm tiêu chí", [(5, "tiêu chí")]),
        ("kỳ họp xem xét, thông qua một báo cáo và 12 dự thảo nghị quyết", [(1, "báo cáo"), (12, "dự thảo")]),
        ("Bí thư Tỉnh ủy chúc mừng năm cán bộ vừa được bổ nhiệm", [(5, "cán bộ")]),
        ("chúc mừng năm mới", []),
        ("Trong năm doanh nghiệp và người dân đã đóng góp 12 tỷ đồng", [(12, "tỷ đồng")]),  # the year, in a list
        ("đơn vị đã tổ chức một hội nghị tập huấn", []),  # the article
        ("khu đất nằm trên một địa bàn giáp ranh", []),  # "trên" is "on"
        ("Dự hội nghị có lãnh đạo năm tỉnh Tây Bắc và Sở Công Thương", [(5, "tỉnh")]),  # the region's provinces
        ("Trong năm tỉnh Quảng Nam đã thu hút thêm vốn", []),  # the year
    ],
    "a bare ratio listed after a ratio with a unit counts the same (r18: votes 'lần lượt là')": [
        ("trúng cử với số phiếu lần lượt là 58/62 (đạt tỷ lệ 93,5%) và 60/62 (đạt tỷ lệ 96,8%).",
         [(58, "phiếu"), (93.5, "%"), (60, "phiếu"), (96.8, "%")]),
        ("đạt 41/45 phiếu, 43/45 và 44/45", [(41, "phiếu"), (43, "phiếu"), (44, "phiếu")]),
        ("họp ngày 29/7 và 30/7", []),  # dates
        ("đạt 41/45 phiếu; kỳ họp ngày 30/7", [(41, "phiếu")]),  # not out of the same total: a date
    ],
    "a space left out before a counted noun of two syllables (r21: 'lấy phiếu tín nhiệm 11chức danh')": [
        ("HĐND tỉnh lấy phiếu tín nhiệm 11chức danh do HĐND bầu", [(11, "chức danh")]),
        ("triển khai mạng 5G và chuẩn 5S tại 12 cơ quan", [(12, "cơ quan")]),  # codes
    ],
    "a zero amount of money names a free stall or service (r19: 'gian hàng 0 đồng')": [
        ("đoàn tham dự gian hàng 0 đồng và trao 50 suất quà", [(50, "suất quà")]),
        ("chuyến xe 0 đồng đưa người lao động về quê", []),
        ("học sinh được hỗ trợ 0,5 triệu đồng", [(0.5, "triệu đồng")]),
    ],
    "'một' before a title written lower-case counts after a verb of election (r18: a headline)": [
        ("Miễn nhiệm phó chủ tịch UBND tỉnh và bầu một trưởng ban HĐND", [(1, "trưởng ban")]),
        ("HĐND tỉnh bầu bổ sung một phó chủ tịch và hai ủy viên UBND", [(1, "phó chủ tịch"), (2, "ủy viên")]),
        ("ông là một trưởng ban năng động", []),  # the article
    ],
}

CLASSES = {**NUMBERS, **CONTEXTS, **NOUNS, **RATIOS, **CHROME, **REAL_R13_R15, **REAL_R16_R17, **REAL_R18_R21}


@pytest.mark.parametrize("text,expected", [c for cases in CLASSES.values() for c in cases],
                         ids=[f"{cls[:40]}|{text[:30]}" for cls, cases in CLASSES.items() for text, _ in cases])
def test_quantity_classes(text, expected):
    assert quantities(text) == expected


def test_two_scale_words_normalise_to_one_amount():
    (q,) = find_quantities("đạt 2 tỷ 450 triệu USD")
    assert (q.text, q.value, q.scale, q.value_normalized, q.currency) == (
        "2 tỷ 450 triệu USD", 2.45, 10**9, 2_450_000_000, "USD")
