#include "io/encoding.hpp"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <map>
#include <string>

namespace lienket::io {
namespace {

const std::string kHaNoi = "Hà Nội";
const std::string kHcm = "Thành phố Hồ Chí Minh";
const std::string kRetail = "Tổng mức bán lẻ";
// A CSV whose first line is ASCII, so the first non-UTF-8 byte is on line 2.
const std::string kCsv =
    "ma,ten,chi_tieu\n01,Hà Nội,Tổng mức bán lẻ hàng hóa\n79,Thành phố Hồ Chí Minh,Tổng mức bán lẻ "
    "hàng hóa\n";

icu::UnicodeString U(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

bool IsToneMark(UChar32 c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

// Code page 1258 as Windows writes it: letters with circumflex, breve or horn are single bytes,
// tones follow as separate combining bytes ("ộ" -> "ô" + U+0323). Encoded by ICU.
std::string ToWindows1258(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::UnicodeString composed = nfc->normalize(U(utf8), status);
  icu::UnicodeString split;
  for (int32_t i = 0; i < composed.length(); i = composed.moveIndex32(i, 1)) {
    const icu::UnicodeString letter =
        nfd->normalize(icu::UnicodeString(composed.char32At(i)), status);
    icu::UnicodeString base;
    UChar32 tone = 0;
    for (int32_t k = 0; k < letter.length(); k = letter.moveIndex32(k, 1)) {
      const UChar32 c = letter.char32At(k);
      if (IsToneMark(c)) {
        tone = c;
      } else {
        base.append(c);
      }
    }
    split.append(nfc->normalize(base, status));
    if (tone != 0) split.append(tone);
  }
  UConverter* converter = ucnv_open("windows-1258", &status);
  std::string bytes(split.length() * 2, '\0');
  const int32_t n = ucnv_fromUChars(converter, bytes.data(), static_cast<int32_t>(bytes.size()),
                                    split.getBuffer(), split.length(), &status);
  ucnv_close(converter);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  bytes.resize(n);
  EXPECT_EQ(bytes.find('\x1A'), std::string::npos) << "ICU substituted a character";
  return bytes;
}

// TCVN3 (ABC) bytes for the letters of the test phrases, from the TCVN 5712 VN3 table.
std::string ToTcvn3(std::string_view utf8) {
  static const std::map<std::u16string, char> kTable = {
      {u"à", '\xB5'}, {u"á", '\xB8'}, {u"ó", '\xE3'}, {u"ộ", '\xE9'},
      {u"ố", '\xE8'}, {u"ồ", '\xE5'}, {u"ổ", '\xE6'}, {u"í", '\xDD'},
      {u"ứ", '\xF8'}, {u"ẻ", '\xCE'}, {u"ỉ", '\xD8'}};
  const icu::UnicodeString text = U(utf8);
  std::string bytes;
  for (int32_t i = 0; i < text.length(); ++i) {
    const char16_t c = text.charAt(i);
    if (c < 0x80) {
      bytes.push_back(static_cast<char>(c));
    } else {
      bytes.push_back(kTable.at(std::u16string(1, c)));
    }
  }
  return bytes;
}

std::string ToUtf16(std::string_view utf8, bool little_endian, bool bom) {
  const icu::UnicodeString text = U(utf8);
  std::string bytes = bom ? (little_endian ? "\xFF\xFE" : "\xFE\xFF") : "";
  for (int32_t i = 0; i < text.length(); ++i) {
    const char16_t c = text.charAt(i);
    const char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    bytes.push_back(little_endian ? lo : hi);
    bytes.push_back(little_endian ? hi : lo);
  }
  return bytes;
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(DetectEncoding, Utf8AndAsciiAreUtf8) {
  for (const std::string& text : {kHaNoi, kCsv, std::string("plain ascii,1,2\n")}) {
    const EncodingGuess guess = DetectEncoding(text);
    EXPECT_EQ(guess.encoding, TextEncoding::kUtf8) << text;
    EXPECT_EQ(guess.first_bad_line, 0);
    EXPECT_EQ(guess.name, "UTF-8");
  }
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF" + kCsv).encoding, TextEncoding::kUtf8Bom);
}

TEST(DetectEncoding, Utf16WithAndWithoutByteOrderMark) {
  EXPECT_EQ(DetectEncoding(ToUtf16(kCsv, true, true)).encoding, TextEncoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding(ToUtf16(kCsv, false, true)).encoding, TextEncoding::kUtf16Be);
  EXPECT_EQ(DetectEncoding(ToUtf16(kCsv, true, false)).encoding, TextEncoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding(ToUtf16(kCsv, false, false)).encoding, TextEncoding::kUtf16Be);
}

TEST(DetectEncoding, Windows1258PhrasesAndCsv) {
  for (const std::string& text : {kHaNoi, kHcm, kRetail, kCsv}) {
    const EncodingGuess guess = DetectEncoding(ToWindows1258(text));
    EXPECT_EQ(guess.encoding, TextEncoding::kWindows1258) << text;
    EXPECT_EQ(guess.name, "Windows-1258");
  }
  EXPECT_EQ(DetectEncoding(ToWindows1258(kCsv)).first_bad_line, 2);
}

TEST(DetectEncoding, Tcvn3PhrasesAndCsv) {
  EXPECT_EQ(ToTcvn3(kHaNoi), "H\xB5 N\xE9i");  // "Hµ Néi" when shown as Windows-1252
  for (const std::string& text : {kHaNoi, kHcm, kRetail, kCsv}) {
    const EncodingGuess guess = DetectEncoding(ToTcvn3(text));
    EXPECT_EQ(guess.encoding, TextEncoding::kTcvn3) << text;
    EXPECT_EQ(guess.name, "TCVN3 (ABC)");
  }
  EXPECT_EQ(DetectEncoding(ToTcvn3(kCsv)).first_bad_line, 2);
}

// Legacy bytes from glibc's iconv, independently of the tables above; empty if unavailable.
std::string Iconv(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return "";
  std::string out(utf8.size() * 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* dest = out.data();
  const bool ok = iconv(cd, &in, &in_left, &dest, &out_left) != static_cast<std::size_t>(-1);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return ok ? out : "";
}

TEST(DetectEncoding, LongReportTextEncodedByIconv) {
  const std::string text =
      "Báo cáo tình hình kinh tế - xã hội tháng 6 năm 2024 của Cục Thống kê tỉnh Đắk Lắk: chỉ "
      "số giá tiêu dùng tăng, doanh thu dịch vụ lưu trú và ăn uống, vốn đầu tư thực hiện từ "
      "nguồn ngân sách nhà nước, khuyến khích người dân giữ vững sản xuất công nghiệp.\n";
  const std::string tcvn3 = Iconv(text, "TCVN5712-1");
  const std::string cp1258 = Iconv(text, "CP1258");
  if (tcvn3.empty() || cp1258.empty()) GTEST_SKIP() << "iconv lacks TCVN5712-1 or CP1258";
  EXPECT_EQ(DetectEncoding(tcvn3).encoding, TextEncoding::kTcvn3);
  EXPECT_EQ(DetectEncoding(cp1258).encoding, TextEncoding::kWindows1258);
  auto converted = ToUtf8(cp1258, TextEncoding::kWindows1258);
  ASSERT_TRUE(converted) << converted.error().Bilingual();
  EXPECT_EQ(*converted, text);
}

TEST(DetectEncoding, WesternOrVniTextIsWindows1252) {
  // "Café Müller, Straße" in Windows-1252, and "Hà Nội" typed in VNI ("Haø Noäi").
  EXPECT_EQ(DetectEncoding("Caf\xE9 M\xFCller, Stra\xDF"
                           "e")
                .encoding,
            TextEncoding::kWindows1252OrLatin1);
  EXPECT_EQ(DetectEncoding("Ha\xF8 No\xE4i").encoding, TextEncoding::kWindows1252OrLatin1);
}

TEST(DetectEncoding, AmbiguousHighBytesStayUnknown) {
  const EncodingGuess guess = DetectEncoding("x\xB0\xB1\xB2 y\xBA\xBF\n");
  EXPECT_EQ(guess.encoding, TextEncoding::kUnknown);
  EXPECT_EQ(guess.first_bad_line, 1);
}

TEST(DetectEncoding, BinaryFilesAndSignatures) {
  EXPECT_EQ(DetectEncoding(std::string("\x01\x02\x00\x7F\x00\x00\x10", 7)).encoding,
            TextEncoding::kBinary);
  const EncodingGuess xls = DetectEncoding(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10));
  EXPECT_EQ(xls.encoding, TextEncoding::kBinary);
  EXPECT_TRUE(Contains(xls.name, ".xls")) << xls.name;
  EXPECT_TRUE(Contains(DetectEncoding("PK\x03\x04rest").name, ".xlsx"));
}

TEST(DetectEncoding, MostlyUtf8WithAStrayByteIsReportedAsDamaged) {
  const std::string text = kCsv + "80,C\xE0 Mau,1\n" + kCsv;
  const EncodingGuess guess = DetectEncoding(text);
  EXPECT_EQ(guess.encoding, TextEncoding::kUnknown);
  EXPECT_EQ(guess.first_bad_line, 4);
  EXPECT_EQ(guess.name, "UTF-8 with invalid bytes");
}

TEST(FirstInvalidUtf8, RejectsOverlongSurrogateOutOfRangeAndTruncated) {
  EXPECT_EQ(FirstInvalidUtf8("ab"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("ộ😀"), std::string("ộ😀").size());
  EXPECT_EQ(FirstInvalidUtf8("a\xC0\xAF"), 1u);         // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("a\xED\xA0\x80"), 1u);     // surrogate U+D800
  EXPECT_EQ(FirstInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("ab\xE1\xBB"), 2u);        // truncated "ộ"
  EXPECT_EQ(FirstInvalidUtf8("\x80"), 0u);              // lone continuation byte
}

TEST(ToUtf8, ConvertsWindows1258ToNfc) {
  for (const std::string& text : {kHaNoi, kHcm, kRetail, kCsv}) {
    auto converted = ToUtf8(ToWindows1258(text), TextEncoding::kWindows1258);
    ASSERT_TRUE(converted) << converted.error().Bilingual();
    EXPECT_EQ(*converted, text);
  }
}

TEST(ToUtf8, ConvertsUtf16BothByteOrders) {
  auto le = ToUtf8(ToUtf16(kCsv, true, true), TextEncoding::kUtf16Le);
  ASSERT_TRUE(le) << le.error().Bilingual();
  EXPECT_EQ(*le, kCsv);
  auto be = ToUtf8(ToUtf16(kHcm, false, false), TextEncoding::kUtf16Be);
  ASSERT_TRUE(be) << be.error().Bilingual();
  EXPECT_EQ(*be, kHcm);
}

TEST(ToUtf8, RejectsDamagedUtf16) {
  EXPECT_FALSE(ToUtf8(ToUtf16(kHaNoi, true, true) + "x", TextEncoding::kUtf16Le));
  auto lone_surrogate = ToUtf8(std::string("\xFF\xFE\x00\xD8\x41\x00", 6), TextEncoding::kUtf16Le);
  ASSERT_FALSE(lone_surrogate);
  EXPECT_EQ(lone_surrogate.error().code, core::ErrorCode::kInvalidArgument);
}

TEST(ToUtf8, NormalisesUtf8ToNfcAndStripsBom) {
  // "Hà" with a combining grave accent (NFD), as macOS writes file names.
  auto converted = ToUtf8("\xEF\xBB\xBFHa\xCC\x80", TextEncoding::kUtf8Bom);
  ASSERT_TRUE(converted);
  EXPECT_EQ(*converted, "Hà");
}

TEST(ToUtf8, RefusesTcvn3WithUnikeyAdvice) {
  auto converted = ToUtf8(ToTcvn3(kCsv), TextEncoding::kTcvn3);
  ASSERT_FALSE(converted);
  EXPECT_EQ(converted.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(converted.error().message_vi, "Unikey")) << converted.error().message_vi;
  EXPECT_TRUE(Contains(converted.error().message_en, "TCVN3 (ABC)"));
}

TEST(RequireUtf8, AcceptsUtf8WithOrWithoutBom) {
  EXPECT_TRUE(RequireUtf8(kCsv));
  EXPECT_TRUE(RequireUtf8("\xEF\xBB\xBF" + kCsv));
  EXPECT_TRUE(RequireUtf8(""));
}

TEST(RequireUtf8, ExplainsTheGuessTheLineAndTheFixInBothLanguages) {
  auto tcvn3 = RequireUtf8(ToTcvn3(kCsv));
  ASSERT_FALSE(tcvn3);
  EXPECT_TRUE(Contains(tcvn3.error().message_vi, "dòng 2")) << tcvn3.error().message_vi;
  EXPECT_TRUE(Contains(tcvn3.error().message_vi, "TCVN3"));
  EXPECT_TRUE(Contains(tcvn3.error().message_en, "line 2")) << tcvn3.error().message_en;

  auto cp1258 = RequireUtf8(ToWindows1258(kCsv));
  ASSERT_FALSE(cp1258);
  EXPECT_TRUE(Contains(cp1258.error().message_vi, "Windows-1258"));
  EXPECT_TRUE(Contains(cp1258.error().message_vi, "CSV UTF-8"));

  auto utf16 = RequireUtf8(ToUtf16(kCsv, true, true));
  ASSERT_FALSE(utf16);
  EXPECT_TRUE(Contains(utf16.error().message_en, "UTF-16LE")) << utf16.error().message_en;

  auto xlsx = RequireUtf8("PK\x03\x04....");
  ASSERT_FALSE(xlsx);
  EXPECT_TRUE(Contains(xlsx.error().message_vi, "nhập Excel")) << xlsx.error().message_vi;
}

}  // namespace
}  // namespace lienket::io
