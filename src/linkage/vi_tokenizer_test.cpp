#include "linkage/vi_tokenizer.hpp"

#include <gtest/gtest.h>

#include "core/vi_text.hpp"

namespace lienket::linkage {
namespace {

std::vector<std::string> Exact(const std::vector<ViToken>& tokens) {
  std::vector<std::string> out;
  for (const ViToken& t : tokens) out.push_back(t.exact);
  return out;
}
std::vector<std::string> Folded(const std::vector<ViToken>& tokens) {
  std::vector<std::string> out;
  for (const ViToken& t : tokens) out.push_back(t.folded);
  return out;
}

TEST(ViTokenizer, SplitsSyllablesKeepingExactAndFoldedForms) {
  const auto tokens = TokenizeVi("Vải thiều Lục Ngạn, loại 1 (5kg/thùng)");
  EXPECT_EQ(Exact(tokens), (std::vector<std::string>{"vải", "thiều", "lục", "ngạn", "loại", "1",
                                                     "5kg", "thùng"}));
  EXPECT_EQ(Folded(tokens), (std::vector<std::string>{"vai", "thieu", "luc", "ngan", "loai", "1",
                                                      "5kg", "thung"}));
}

TEST(ViTokenizer, FoldsDStrokeAndUpperCase) {
  const auto tokens = TokenizeVi("ĐỖ XANH Đậu đỏ");
  EXPECT_EQ(Exact(tokens), (std::vector<std::string>{"đỗ", "xanh", "đậu", "đỏ"}));
  EXPECT_EQ(Folded(tokens), (std::vector<std::string>{"do", "xanh", "dau", "do"}));
  EXPECT_TRUE(tokens[0].HasMarks());
  EXPECT_FALSE(tokens[1].HasMarks());
}

TEST(ViTokenizer, NfdInputGivesTheSameTokensAsNfc) {
  // "Hoà Bình" typed with combining marks (NFD) and with the old tone placement.
  const std::string nfd = "Ho\x61\xCC\x80 Bi\xCC\x80nh";
  EXPECT_EQ(Exact(TokenizeVi(nfd)), Exact(TokenizeVi("Hoà Bình")));
  EXPECT_EQ(Folded(TokenizeVi(nfd)), (std::vector<std::string>{"hoa", "binh"}));
}

TEST(ViTokenizer, FoldingAgreesWithCoreFoldOnVietnameseLetters) {
  const std::string text =
      "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
  std::string folded;
  for (const ViToken& t : TokenizeVi(text)) folded += t.folded;
  EXPECT_EQ(folded, core::Fold(text));
  EXPECT_EQ(folded, "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd");
}

TEST(ViTokenizer, BigramsStayInsidePhrases) {
  const auto pairs = Bigrams(TokenizeVi("vải thiều, nhãn lồng"));
  EXPECT_EQ(Exact(pairs), (std::vector<std::string>{"vải thiều", "nhãn lồng"}));
  EXPECT_EQ(Folded(pairs), (std::vector<std::string>{"vai thieu", "nhan long"}));
}

TEST(ViTokenizer, InvalidUtf8AndEmptyInput) {
  EXPECT_TRUE(TokenizeVi("").empty());
  EXPECT_TRUE(TokenizeVi(" ,.- ").empty());
  const auto tokens = TokenizeVi("cam\xFF" "canh");
  EXPECT_EQ(Folded(tokens), (std::vector<std::string>{"cam", "canh"}));
}

}  // namespace
}  // namespace lienket::linkage
