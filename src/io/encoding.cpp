#include "io/encoding.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace lienket::io {
namespace {

constexpr std::size_t kSampleBytes = 64 * 1024;
constexpr std::size_t kMaxWordsScored = 4000;

// Length of the well-formed UTF-8 sequence starting at bytes[i], or 0 if it is ill-formed
// (Unicode 15, table 3-7).
std::size_t Utf8SequenceLength(std::string_view bytes, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  const unsigned char c = at(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > bytes.size() || at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

int LineOf(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

using ConverterPtr = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

// An ICU converter that stops at the first byte it cannot map, instead of substituting.
ConverterPtr StrictConverter(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(name, &status), &ucnv_close);
  if (U_FAILURE(status)) return ConverterPtr(nullptr, &ucnv_close);
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  return converter;
}

std::optional<icu::UnicodeString> Decode(UConverter* converter, std::string_view bytes) {
  if (converter == nullptr) return std::nullopt;
  ucnv_reset(converter);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter, status);
  if (U_FAILURE(status)) return std::nullopt;
  return text;
}

std::string NfcUtf8(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  if (U_FAILURE(status)) return text.toUTF8String(out);
  return nfc->normalize(text, status).toUTF8String(out);
}

// TCVN 5712:1993 VN3 ("ABC"), the encoding of the .Vn fonts: every lower-case Vietnamese letter and
// the seven upper-case base letters; upper case with tones came from separate .VnTimeH fonts that
// reuse the lower-case codes. Bytes not listed are not letters in TCVN3.
constexpr std::pair<unsigned char, char16_t> kTcvn3Letters[] = {
    {0xA1, u'Ă'}, {0xA2, u'Â'}, {0xA3, u'Ê'}, {0xA4, u'Ô'}, {0xA5, u'Ơ'}, {0xA6, u'Ư'},
    {0xA7, u'Đ'}, {0xA8, u'ă'}, {0xA9, u'â'}, {0xAA, u'ê'}, {0xAB, u'ô'}, {0xAC, u'ơ'},
    {0xAD, u'ư'}, {0xAE, u'đ'}, {0xB5, u'à'}, {0xB6, u'ả'}, {0xB7, u'ã'}, {0xB8, u'á'},
    {0xB9, u'ạ'}, {0xBB, u'ằ'}, {0xBC, u'ẳ'}, {0xBD, u'ẵ'}, {0xBE, u'ắ'}, {0xC6, u'ặ'},
    {0xC7, u'ầ'}, {0xC8, u'ẩ'}, {0xC9, u'ẫ'}, {0xCA, u'ấ'}, {0xCB, u'ậ'}, {0xCC, u'è'},
    {0xCE, u'ẻ'}, {0xCF, u'ẽ'}, {0xD0, u'é'}, {0xD1, u'ẹ'}, {0xD2, u'ề'}, {0xD3, u'ể'},
    {0xD4, u'ễ'}, {0xD5, u'ế'}, {0xD6, u'ệ'}, {0xD7, u'ì'}, {0xD8, u'ỉ'}, {0xDC, u'ĩ'},
    {0xDD, u'í'}, {0xDE, u'ị'}, {0xDF, u'ò'}, {0xE1, u'ỏ'}, {0xE2, u'õ'}, {0xE3, u'ó'},
    {0xE4, u'ọ'}, {0xE5, u'ồ'}, {0xE6, u'ổ'}, {0xE7, u'ỗ'}, {0xE8, u'ố'}, {0xE9, u'ộ'},
    {0xEA, u'ờ'}, {0xEB, u'ở'}, {0xEC, u'ỡ'}, {0xED, u'ớ'}, {0xEE, u'ợ'}, {0xEF, u'ù'},
    {0xF1, u'ủ'}, {0xF2, u'ũ'}, {0xF3, u'ú'}, {0xF4, u'ụ'}, {0xF5, u'ừ'}, {0xF6, u'ử'},
    {0xF7, u'ữ'}, {0xF8, u'ứ'}, {0xF9, u'ự'}, {0xFA, u'ỳ'}, {0xFB, u'ỷ'}, {0xFC, u'ỹ'},
    {0xFD, u'ý'}, {0xFE, u'ỵ'},
};

std::optional<icu::UnicodeString> DecodeTcvn3(std::string_view bytes) {
  icu::UnicodeString text;
  for (const char ch : bytes) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x80) {
      text.append(static_cast<char16_t>(byte));
      continue;
    }
    const auto* entry = std::find_if(std::begin(kTcvn3Letters), std::end(kTcvn3Letters),
                                     [byte](const auto& e) { return e.first == byte; });
    if (entry == std::end(kTcvn3Letters)) return std::nullopt;
    text.append(entry->second);
  }
  return text;
}

// --- Vietnamese syllable check -----------------------------------------------------------------

constexpr std::u32string_view kVowels = U"aăâeêioôơuưy";
constexpr std::u32string_view kInitials[] = {
    U"",  U"b",  U"c",   U"ch", U"d", U"đ",  U"g",  U"gh", U"gi", U"h", U"k",  U"kh", U"l", U"m",
    U"n", U"ng", U"ngh", U"nh", U"p", U"ph", U"qu", U"r",  U"s",  U"t", U"th", U"tr", U"v", U"x"};
// "k" ends only names from minority languages ("Đắk Lắk"), common enough in statistics.
constexpr std::u32string_view kFinals[] = {U"",  U"c",  U"ch", U"k", U"m",
                                           U"n", U"ng", U"nh", U"p", U"t"};
// Vowel clusters of Vietnamese spelling, without tone marks.
constexpr std::u32string_view kNuclei[] = {
    U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",   U"ư",
    U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",
    U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"ôi",  U"ơi",  U"oo",  U"ua",  U"uâ",  U"uê",
    U"ui",  U"uô",  U"uơ",  U"ươ",  U"ưa",  U"ưi",  U"ưu",  U"uy",  U"yê",  U"iêu", U"yêu",
    U"oai", U"oay", U"oeo", U"uây", U"uôi", U"ươi", U"ươu", U"uya", U"uyê", U"uyu"};

template <std::size_t N>
bool OneOf(const std::u32string_view (&list)[N], std::u32string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

bool IsVowel(char32_t c) { return kVowels.find(c) != std::u32string_view::npos; }

bool IsToneMark(char32_t c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

// The letter `base` with the vowel mark `mark` (circumflex, breve, horn), or 0 if Vietnamese has
// no such letter.
char32_t WithVowelMark(char32_t base, char32_t mark) {
  switch (mark) {
    case 0x0302:  // circumflex
      return base == U'a' ? U'â' : base == U'e' ? U'ê' : base == U'o' ? U'ô' : 0;
    case 0x0306:  // breve
      return base == U'a' ? U'ă' : 0;
    case 0x031B:  // horn
      return base == U'o' ? U'ơ' : base == U'u' ? U'ư' : 0;
    default:
      return 0;
  }
}

// True when `word` spells one Vietnamese syllable: (initial consonant)(vowel cluster)(final
// consonant), vowel marks only where Vietnamese has them, at most one tone mark, on a vowel.
bool IsVietnameseSyllable(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString lower(word);
  const icu::UnicodeString decomposed =
      nfd->normalize(lower.toLower(icu::Locale::getRoot()), status);
  if (U_FAILURE(status)) return false;

  std::u32string letters;  // with vowel marks applied, tone marks dropped
  int tones = 0;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const char32_t c = decomposed.char32At(i);
    if (c >= 0x0300 && c <= 0x036F) {
      if (letters.empty()) return false;
      if (IsToneMark(c)) {
        if (++tones > 1 || !IsVowel(letters.back())) return false;
      } else {
        letters.back() = WithVowelMark(letters.back(), c);
        if (letters.back() == 0) return false;
      }
    } else if ((c >= U'a' && c <= U'z') || c == U'đ') {
      letters.push_back(c);
    } else {
      return false;
    }
  }

  std::u32string_view rest(letters);
  std::size_t initial_len = 0;
  while (initial_len < rest.size() && !IsVowel(rest[initial_len])) ++initial_len;
  // "qu" and "gi" spell one consonant; "gi" is a consonant only before another vowel ("già",
  // but "gì").
  if (rest.substr(0, initial_len) == U"q" && rest.substr(initial_len, 1) == U"u") ++initial_len;
  if (rest.substr(0, initial_len) == U"g" && rest.substr(initial_len, 1) == U"i" &&
      initial_len + 1 < rest.size() && IsVowel(rest[initial_len + 1])) {
    ++initial_len;
  }
  if (!OneOf(kInitials, rest.substr(0, initial_len))) return false;
  rest.remove_prefix(initial_len);
  std::size_t nucleus_len = 0;
  while (nucleus_len < rest.size() && IsVowel(rest[nucleus_len])) ++nucleus_len;
  const std::u32string_view nucleus = rest.substr(0, nucleus_len);
  if (!OneOf(kNuclei, nucleus)) return false;
  return OneOf(kFinals, rest.substr(nucleus_len));
}

// --- Detection ---------------------------------------------------------------------------------

enum class Utf8Verdict { kValid, kDamaged, kNotUtf8 };

// Scans all bytes: the first invalid offset, and whether the invalid bytes look like damage in an
// otherwise UTF-8 file (valid multi-byte sequences at least as many as invalid bytes).
Utf8Verdict ScanUtf8(std::string_view bytes, std::size_t* first_invalid) {
  std::size_t valid_multibyte = 0, invalid = 0;
  *first_invalid = bytes.size();
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) {
      if (invalid++ == 0) *first_invalid = i;
      ++i;
      continue;
    }
    if (len > 1) ++valid_multibyte;
    i += len;
  }
  if (invalid == 0) return Utf8Verdict::kValid;
  return valid_multibyte >= invalid ? Utf8Verdict::kDamaged : Utf8Verdict::kNotUtf8;
}

std::optional<std::string> BinarySignature(std::string_view bytes) {
  if (bytes.starts_with("PK\x03\x04")) return "Excel .xlsx / zip";
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) return "Excel 97-2003 .xls";
  if (bytes.starts_with("%PDF")) return "PDF";
  return std::nullopt;
}

// UTF-16 without a byte-order mark: text in Latin script has a NUL in one byte of most pairs.
std::optional<TextEncoding> Utf16ByNulPattern(std::string_view sample) {
  const std::size_t pairs = sample.size() / 2;
  if (pairs < 2) return std::nullopt;
  std::size_t nul_even = 0, nul_odd = 0;
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    nul_even += sample[i] == '\0';
    nul_odd += sample[i + 1] == '\0';
  }
  if (nul_odd * 5 >= pairs && nul_even * 50 <= pairs) return TextEncoding::kUtf16Le;
  if (nul_even * 5 >= pairs && nul_odd * 50 <= pairs) return TextEncoding::kUtf16Be;
  return std::nullopt;
}

bool LooksBinary(std::string_view sample) {
  std::size_t control = 0;
  for (const char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A) {
      ++control;
    }
  }
  return control * 100 > sample.size();
}

bool IsWindows1252Letter(unsigned char c) {
  return (c >= 0xC0 && c != 0xD7 && c != 0xF7) || c == 0x8A || c == 0x8C || c == 0x8E ||
         c == 0x9A || c == 0x9C || c == 0x9E || c == 0x9F;
}

// Chooses among the 8-bit encodings by decoding each word that has non-ASCII bytes.
TextEncoding GuessLegacy(std::string_view sample) {
  ConverterPtr cp1258 = StrictConverter("windows-1258");
  std::size_t words = 0, valid_1258 = 0, valid_tcvn3 = 0;
  bool all_latin_letters = true;
  std::size_t i = 0;
  while (i < sample.size() && words < kMaxWordsScored) {
    const auto in_word = [&](std::size_t k) {
      const auto c = static_cast<unsigned char>(sample[k]);
      return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    if (!in_word(i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    bool high = false;
    while (end < sample.size() && in_word(end)) {
      const auto c = static_cast<unsigned char>(sample[end]);
      if (c >= 0x80) {
        high = true;
        all_latin_letters = all_latin_letters && IsWindows1252Letter(c);
      }
      ++end;
    }
    if (high) {
      const std::string_view word = sample.substr(i, end - i);
      ++words;
      const auto as_1258 = Decode(cp1258.get(), word);
      valid_1258 += as_1258 && IsVietnameseSyllable(*as_1258);
      const auto as_tcvn3 = DecodeTcvn3(word);
      valid_tcvn3 += as_tcvn3 && IsVietnameseSyllable(*as_tcvn3);
    }
    i = end;
  }
  // A clear majority of well-formed syllables, and clearly more than the other candidate.
  if (words > 0 && valid_1258 * 4 >= words * 3 && valid_1258 > valid_tcvn3) {
    return TextEncoding::kWindows1258;
  }
  if (words > 0 && valid_tcvn3 * 4 >= words * 3 && valid_tcvn3 > valid_1258) {
    return TextEncoding::kTcvn3;
  }
  return words > 0 && all_latin_letters ? TextEncoding::kWindows1252OrLatin1
                                        : TextEncoding::kUnknown;
}

std::string NameOf(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf8Bom:
      return "UTF-8 BOM";
    case TextEncoding::kUtf16Le:
      return "UTF-16LE";
    case TextEncoding::kUtf16Be:
      return "UTF-16BE";
    case TextEncoding::kWindows1258:
      return "Windows-1258";
    case TextEncoding::kTcvn3:
      return "TCVN3 (ABC)";
    case TextEncoding::kWindows1252OrLatin1:
      return "VNI / Windows-1252";
    case TextEncoding::kBinary:
      return "binary";
    case TextEncoding::kUnknown:
      return "unknown";
  }
  return "unknown";
}

constexpr std::string_view kDamagedUtf8Name = "UTF-8 with invalid bytes";

// The explanation for a file that is not UTF-8: what it probably is and how to convert it.
core::Error NotUtf8Error(const EncodingGuess& guess) {
  if (guess.encoding == TextEncoding::kBinary) {
    return core::Error{
        core::ErrorCode::kInvalidArgument,
        fmt::format("Tệp này không phải tệp văn bản mà là tệp nhị phân ({}). Hãy chọn đúng tệp "
                    "CSV; với tệp Excel, hãy dùng chức năng nhập Excel.",
                    guess.name),
        fmt::format("This is not a text file but a binary file ({}). Choose the CSV file; for an "
                    "Excel workbook use the Excel import.",
                    guess.name)};
  }
  std::string vi = "Tệp không ở dạng UTF-8";
  std::string en = "The file is not UTF-8";
  if (guess.first_bad_line > 0) {
    vi += fmt::format(" (byte không hợp lệ đầu tiên ở dòng {})", guess.first_bad_line);
    en += fmt::format(" (first invalid byte on line {})", guess.first_bad_line);
  }
  constexpr std::string_view kSaveVi =
      "Mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng \"CSV UTF-8\".";
  constexpr std::string_view kSaveEn =
      "Open it in Excel or LibreOffice and save it again as \"CSV UTF-8\".";
  switch (guess.encoding) {
    case TextEncoding::kUtf16Le:
    case TextEncoding::kUtf16Be:
      vi += fmt::format(": tệp được lưu dạng {} (Excel gọi là \"Unicode Text\"). {}", guess.name,
                        kSaveVi);
      en += fmt::format(": it is saved as {} (Excel's \"Unicode Text\"). {}", guess.name, kSaveEn);
      break;
    case TextEncoding::kWindows1258:
      vi += fmt::format(": có vẻ là bảng mã Windows-1258 của Windows cũ. {}", kSaveVi);
      en += fmt::format(": it looks like the old Windows-1258 Vietnamese code page. {}", kSaveEn);
      break;
    case TextEncoding::kTcvn3:
      vi +=
          ": có vẻ là bảng mã TCVN3 (ABC) dùng với phông .VnTime. Hãy chuyển sang Unicode bằng "
          "công cụ chuyển mã của Unikey (Unikey Toolkit: nguồn TCVN3 (ABC), đích Unicode) rồi lưu "
          "lại dạng \"CSV UTF-8\".";
      en +=
          ": it looks like the TCVN3 (ABC) encoding used with the .VnTime fonts. Convert it to "
          "Unicode with Unikey's converter (Unikey Toolkit: source TCVN3 (ABC), target Unicode), "
          "then save it as \"CSV UTF-8\".";
      break;
    case TextEncoding::kWindows1252OrLatin1:
      vi +=
          ": có vẻ là bảng mã VNI (phông VNI-Times) hoặc Windows-1252. Nếu là tiếng Việt gõ bằng "
          "bảng mã VNI, hãy chuyển sang Unicode bằng Unikey Toolkit (nguồn VNI Windows, đích "
          "Unicode); nếu không, hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng \"CSV "
          "UTF-8\".";
      en +=
          ": it looks like the VNI Vietnamese encoding (VNI-Times fonts) or Windows-1252. If it is "
          "Vietnamese typed in VNI, convert it to Unicode with Unikey Toolkit (source VNI "
          "Windows, target Unicode); otherwise open it in Excel or LibreOffice and save it again "
          "as \"CSV UTF-8\".";
      break;
    default:
      if (guess.name == kDamagedUtf8Name) {
        vi += fmt::format(
            ": phần lớn tệp là UTF-8 nhưng có byte hỏng, có thể do ghép các tệp khác bảng mã. Hãy "
            "kiểm tra dòng đó. {}",
            kSaveVi);
        en += fmt::format(
            ": most of it is UTF-8 but some bytes are damaged, perhaps from joining files in "
            "different encodings. Check that line. {}",
            kSaveEn);
      } else {
        vi += fmt::format(
            ": có thể là một bảng mã tiếng Việt cũ (TCVN3, VNI hoặc Windows-1258). Hãy chuyển "
            "sang Unicode bằng Unikey Toolkit. {}",
            kSaveVi);
        en += fmt::format(
            ": it may be an old Vietnamese encoding (TCVN3, VNI or Windows-1258). Convert it to "
            "Unicode with Unikey Toolkit. {}",
            kSaveEn);
      }
  }
  return core::Error{core::ErrorCode::kInvalidArgument, std::move(vi), std::move(en)};
}

core::Error CorruptIn(std::string_view encoding) {
  return core::Error{
      core::ErrorCode::kInvalidArgument,
      fmt::format("Tệp có byte không hợp lệ trong bảng mã {} nên không chuyển được sang UTF-8.",
                  encoding),
      fmt::format("The file has bytes that are invalid in {}, so it cannot be converted to UTF-8.",
                  encoding)};
}

}  // namespace

std::size_t FirstInvalidUtf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) return i;
    i += len;
  }
  return bytes.size();
}

EncodingGuess DetectEncoding(std::string_view bytes) {
  EncodingGuess guess;
  std::size_t first_invalid = 0;
  const Utf8Verdict verdict = ScanUtf8(bytes, &first_invalid);
  if (verdict != Utf8Verdict::kValid) guess.first_bad_line = LineOf(bytes, first_invalid);
  const std::string_view sample = bytes.substr(0, kSampleBytes);

  if (bytes.starts_with("\xEF\xBB\xBF") && verdict == Utf8Verdict::kValid) {
    guess.encoding = TextEncoding::kUtf8Bom;
  } else if (bytes.starts_with("\xFF\xFE")) {
    guess.encoding = TextEncoding::kUtf16Le;
  } else if (bytes.starts_with("\xFE\xFF")) {
    guess.encoding = TextEncoding::kUtf16Be;
  } else if (auto signature = BinarySignature(bytes)) {
    guess.encoding = TextEncoding::kBinary;
    guess.name = "binary: " + *signature;
    return guess;
  } else if (auto utf16 = Utf16ByNulPattern(sample)) {
    guess.encoding = *utf16;
  } else if (LooksBinary(sample)) {
    guess.encoding = TextEncoding::kBinary;
  } else if (verdict == Utf8Verdict::kValid) {
    guess.encoding = TextEncoding::kUtf8;
  } else if (verdict == Utf8Verdict::kDamaged) {
    guess.encoding = TextEncoding::kUnknown;
    guess.name = kDamagedUtf8Name;
    return guess;
  } else {
    guess.encoding = GuessLegacy(sample);
  }
  guess.name = NameOf(guess.encoding);
  return guess;
}

core::Status RequireUtf8(std::string_view bytes) {
  const EncodingGuess guess = DetectEncoding(bytes);
  if (guess.encoding == TextEncoding::kUtf8 || guess.encoding == TextEncoding::kUtf8Bom) return {};
  return tl::unexpected(NotUtf8Error(guess));
}

core::Result<std::string> ToUtf8(std::string_view bytes, TextEncoding from) {
  switch (from) {
    case TextEncoding::kUtf8:
    case TextEncoding::kUtf8Bom: {
      if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
      if (auto ok = RequireUtf8(bytes); !ok) return tl::unexpected(ok.error());
      return NfcUtf8(icu::UnicodeString::fromUTF8(
          icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size()))));
    }
    case TextEncoding::kUtf16Le:
    case TextEncoding::kUtf16Be: {
      const bool le = from == TextEncoding::kUtf16Le;
      if (bytes.starts_with(le ? "\xFF\xFE" : "\xFE\xFF")) bytes.remove_prefix(2);
      ConverterPtr converter = StrictConverter(le ? "UTF-16LE" : "UTF-16BE");
      const auto text = bytes.size() % 2 == 0 ? Decode(converter.get(), bytes) : std::nullopt;
      if (!text) return tl::unexpected(CorruptIn(NameOf(from)));
      return NfcUtf8(*text);
    }
    case TextEncoding::kWindows1258: {
      ConverterPtr converter = StrictConverter("windows-1258");
      const auto text = Decode(converter.get(), bytes);
      if (!text) return tl::unexpected(CorruptIn("Windows-1258"));
      return NfcUtf8(*text);
    }
    default: {
      EncodingGuess guess = DetectEncoding(bytes);
      guess.encoding = from;
      guess.name = NameOf(from);
      return tl::unexpected(NotUtf8Error(guess));
    }
  }
}

}  // namespace lienket::io
