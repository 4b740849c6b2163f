// Text encodings of files people upload. Everything inside lienket is NFC UTF-8; files from
// provinces are sometimes still in the legacy Vietnamese encodings of the 1990s (TCVN3 "ABC" with
// the .Vn fonts, VNI, Windows-1258) or in UTF-16 (Excel's "Unicode text"). This unit guesses which
// one a file is in, converts where the conversion is exact, and otherwise tells the user, in
// Vietnamese and English, what the file probably is and how to convert it.
//
// The guess for legacy encodings decodes the words that contain non-ASCII bytes under each
// candidate and counts how many become well-formed Vietnamese syllables (known initial consonant,
// vowel cluster and final consonant, at most one tone mark). A candidate wins only with a clear
// majority; otherwise the answer stays vague (kUnknown) rather than wrongly certain.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lienket::io {

enum class TextEncoding {
  kUtf8,                 // valid UTF-8 without a byte-order mark (includes plain ASCII)
  kUtf8Bom,              // valid UTF-8 starting with EF BB BF
  kUtf16Le,              // byte-order mark FF FE, or NUL bytes in the odd positions
  kUtf16Be,              // byte-order mark FE FF, or NUL bytes in the even positions
  kWindows1258,          // Vietnamese code page 1258 (base letters plus combining tone bytes)
  kTcvn3,                // TCVN 5712 VN3 ("ABC"), one byte per Vietnamese letter
  kWindows1252OrLatin1,  // Western European 8-bit text; VNI Vietnamese also looks like this
  kBinary,               // not text at all (NUL or control bytes, or a known binary signature)
  kUnknown,              // not UTF-8, and no candidate fits clearly
};

struct EncodingGuess {
  TextEncoding encoding = TextEncoding::kUnknown;
  // 1-based line of the first byte that is not valid UTF-8; 0 when every byte is valid UTF-8.
  int first_bad_line = 0;
  // Human name for messages: "UTF-8", "Windows-1258", "TCVN3 (ABC)", "Excel .xls (binary)"...
  std::string name;
};

// Guesses the encoding of `bytes` (typically a whole CSV file). Never fails; the guess for legacy
// encodings looks at the first 64 KiB, first_bad_line at all of `bytes`.
[[nodiscard]] EncodingGuess DetectEncoding(std::string_view bytes);

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are ill-formed), or bytes.size() if all are valid.
[[nodiscard]] std::size_t FirstInvalidUtf8(std::string_view bytes);

// Converts `bytes` in encoding `from` to NFC UTF-8, where the conversion is exact:
//   kUtf8, kUtf8Bom   validated (a leading BOM removed) and normalised to NFC;
//   kUtf16Le/Be       a leading BOM removed; unpaired surrogates or an odd length are errors;
//   kWindows1258      via ICU's "windows-1258" converter, then NFC (code page 1258 writes tones as
//                     separate combining bytes, so "ộ" arrives as "ô" + U+0323);
// Errors: kInvalidArgument for bytes that are not valid in `from`, and for every other encoding
// (TCVN3, VNI/Windows-1252, binary, unknown): the message says what the file probably is and how
// to convert it (Unikey Toolkit for TCVN3/VNI; Excel or LibreOffice "CSV UTF-8" otherwise).
[[nodiscard]] core::Result<std::string> ToUtf8(std::string_view bytes, TextEncoding from);

// The strict check importers use: OK when DetectEncoding finds UTF-8 (with or without BOM; the
// caller strips a BOM). Otherwise kInvalidArgument naming the guessed encoding, the first bad
// line, and the fix, in Vietnamese and English.
[[nodiscard]] core::Status RequireUtf8(std::string_view bytes);

}  // namespace lienket::io
