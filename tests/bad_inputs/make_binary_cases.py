#!/usr/bin/python3
"""Writes the bad-input cases whose bytes a text editor cannot type.

Files from provinces arrive in legacy Vietnamese encodings (Windows-1258, TCVN3 "ABC"), as
Excel's "Unicode Text" (UTF-16), as binary workbooks or PDFs renamed to .csv, or empty. This
script builds those files byte by byte so the corpus is reproducible; the generated files are
committed beside it, with their hand-written NN_name.expect.json.

Run from anywhere: /usr/bin/python3 tests/bad_inputs/make_binary_cases.py
"""

import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# The same small report in every encoding: header aliases in Vietnamese, Vietnamese numbers.
REPORT = (
    "tỉnh,chỉ tiêu,kỳ,giá trị,đơn vị,ghi chú\n"
    "Hà Nội,iip,2024-H1,\"107,2\",index,số ước tính của cục thống kê\n"
    "Bắc Ninh,iip,2024-H1,\"105,1\",index,số ước tính của cục thống kê\n"
    "Hải Phòng,iip,2024-H1,\"112,4\",index,số ước tính của cục thống kê\n"
)

# The same report as Excel's "Unicode Text" writes it: tab-separated, CRLF line ends.
REPORT_TSV = (
    "tỉnh\tchỉ tiêu\tkỳ\tgiá trị\tđơn vị\tghi chú\r\n"
    "Hà Nội\tiip\t2024-H1\t107,2\tindex\tsố ước tính của cục thống kê\r\n"
    "Bắc Ninh\tiip\t2024-H1\t105,1\tindex\tsố ước tính của cục thống kê\r\n"
    "Hải Phòng\tiip\t2024-H1\t112,4\tindex\tsố ước tính của cục thống kê\r\n"
)

# Code page 1258 writes the five tone marks as separate combining bytes after a base letter
# that may carry its own shape mark (â, ê, ô, ơ, ư, ă), as Windows' own converter does.
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text):
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = [c for c in decomposed if c in TONE_MARKS]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        out.append(base + "".join(tones))
    return "".join(out).encode("cp1258")


# TCVN 5712:1993 VN3 ("ABC"): one byte per lower-case Vietnamese letter; upper-case base letters
# with shape marks only (upper case with tones needed the separate .VnTimeH fonts).
TCVN3 = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD,
    "ắ": 0xBE, "ặ": 0xC6, "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB, "è": 0xCC,
    "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1, "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5,
    "ệ": 0xD6, "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE, "ò": 0xDF, "ỏ": 0xE1,
    "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4, "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE, "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2,
    "ú": 0xF3, "ụ": 0xF4, "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9, "ỳ": 0xFA,
    "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}


def to_tcvn3(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            out.append(TCVN3[ch])
    return bytes(out)


def xls_bytes():
    # An OLE2 compound file header, as Excel 97-2003 writes it, then empty sectors.
    header = bytearray(512)
    header[0:8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
    header[0x18:0x1A] = b"\x3E\x00"  # minor version
    header[0x1A:0x1C] = b"\x03\x00"  # major version 3
    header[0x1C:0x1E] = b"\xFE\xFF"  # little-endian byte order mark
    header[0x1E:0x20] = b"\x09\x00"  # 512-byte sectors
    return bytes(header) + b"\xFF" * 512 + b"\x00" * 512


def pdf_bytes():
    return (
        b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


CASES = {
    "38_windows1258.csv": to_cp1258(REPORT),
    "39_tcvn3.csv": to_tcvn3(REPORT),
    # Excel's "Unicode Text": UTF-16LE with a byte-order mark.
    "40_utf16_unicode_text.csv": ("\ufeff" + REPORT_TSV).encode("utf-16-le"),
    "41_xls_renamed.csv": xls_bytes(),
    "42_pdf_renamed.csv": pdf_bytes(),
    "43_empty_file.csv": b"",
    # Excel's "CSV UTF-8" of an empty sheet: the byte-order mark and nothing else.
    "44_bom_only_empty_sheet.csv": b"\xEF\xBB\xBF",
    # Three UTF-8 lines, then rows appended from a Windows-1258 file.
    "59_joined_files_mixed_encoding.csv": (
        "\n".join(REPORT.split("\n")[:3]) + "\n").encode("utf-8")
    + to_cp1258("Hải Phòng,iip,2024-H1,\"112,4\",index,số ước tính của cục thống kê\n"
                "Hưng Yên,iip,2024-H1,\"110,3\",index,số ước tính của cục thống kê\n"),
}


def main():
    for name, data in CASES.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(CASES)} files to {HERE}")


if __name__ == "__main__":
    main()
