#include "linkage/text_index.hpp"

#include <gtest/gtest.h>

namespace lienket::linkage {
namespace {

std::vector<std::uint64_t> Ids(const std::vector<TextHit>& hits) {
  std::vector<std::uint64_t> ids;
  for (const TextHit& h : hits) ids.push_back(h.id);
  return ids;
}

class TextIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(index.Add(1, "Vải thiều Lục Ngạn loại 1", "Vải tươi, hái trong ngày"));
    ASSERT_TRUE(index.Add(2, "Nhãn lồng Hưng Yên", "Nhãn chín mọng, cùi dày"));
    ASSERT_TRUE(index.Add(3, "Đỗ xanh Hà Giang", "Đỗ xanh hạt nhỏ"));
    ASSERT_TRUE(index.Add(4, "Ớt đỏ Thái Bình", "Ớt tươi màu đỏ"));
    ASSERT_TRUE(index.Add(5, "Vải may mặc, vải thô", "Vải bông khổ rộng, không phải thiều"));
    ASSERT_TRUE(index.Add(6, "Cam Cao Phong", "Cam đường canh"));
  }
  TextIndex index;
};

TEST_F(TextIndexTest, BigramFindsTheConceptFirst) {
  const auto hits = index.Search("vải thiều", 10);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, 1U);  // "vải thiều" adjacent beats "vải ... thiều" apart in 5
  EXPECT_EQ(Ids(hits), (std::vector<std::uint64_t>{1, 5}));
}

TEST_F(TextIndexTest, ToneLessQueryFindsTheSameListing) {
  const auto hits = index.Search("vai thieu", 10);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, 1U);
}

TEST_F(TextIndexTest, ExactFormRanksAboveFoldedOnlyForm) {
  // "đỗ" (mung bean) must put listing 3 first; "đỏ" (red, in 4) matches only once folded.
  auto hits = index.Search("đỗ", 10);
  ASSERT_EQ(Ids(hits), (std::vector<std::uint64_t>{3, 4}));
  EXPECT_GT(hits[0].score, hits[1].score);
  hits = index.Search("đỏ", 10);
  ASSERT_EQ(Ids(hits), (std::vector<std::uint64_t>{4, 3}));
  // Typed without marks, "do" cannot tell them apart: both are found.
  hits = index.Search("do", 10);
  EXPECT_EQ(hits.size(), 2U);
}

TEST_F(TextIndexTest, FoldedWeightIsApplied) {
  TextWeights w;
  w.exact = 1.0;
  w.folded = 0.6;
  TextIndex one(w);
  ASSERT_TRUE(one.Add(1, "đỗ", ""));
  ASSERT_TRUE(one.Add(2, "đỏ", ""));
  const auto hits = one.Search("đỗ", 10);
  ASSERT_EQ(hits.size(), 2U);
  // Same length, same document frequency of the folded term "do": the ratio is the weights'.
  EXPECT_NEAR(hits[1].score / hits[0].score, 0.6, 0.02);
}

TEST_F(TextIndexTest, TopKIsOrderedAndBounded) {
  const auto hits = index.Search("vải nhãn cam ớt đỗ", 3);
  ASSERT_EQ(hits.size(), 3U);
  EXPECT_GE(hits[0].score, hits[1].score);
  EXPECT_GE(hits[1].score, hits[2].score);
  EXPECT_TRUE(index.Search("sầu riêng", 10).empty());
  EXPECT_TRUE(index.Search("", 10).empty());
  EXPECT_TRUE(index.Search("vải", 0).empty());
}

TEST_F(TextIndexTest, AddAndRemoveAreIncremental) {
  EXPECT_EQ(index.Add(1, "x", "").error().code, core::ErrorCode::kAlreadyExists);
  ASSERT_TRUE(index.Remove(1));
  EXPECT_EQ(index.Remove(1).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(Ids(index.Search("vải thiều", 10)), (std::vector<std::uint64_t>{5}));
  ASSERT_TRUE(index.Add(7, "Vải thiều Thanh Hà", ""));
  EXPECT_EQ(index.Search("vải thiều", 10)[0].id, 7U);
  index.Compact();
  EXPECT_EQ(index.size(), 6U);
  EXPECT_EQ(index.Search("vải thiều", 10)[0].id, 7U);
  EXPECT_EQ(Ids(index.Search("cam", 10)), (std::vector<std::uint64_t>{6}));
}

TEST_F(TextIndexTest, CompactionRunsByItselfAndKeepsAnswers) {
  for (std::uint64_t id = 100; id < 140; ++id) ASSERT_TRUE(index.Add(id, "mắm tôm", ""));
  for (std::uint64_t id = 100; id < 139; ++id) ASSERT_TRUE(index.Remove(id));
  EXPECT_EQ(Ids(index.Search("mắm tôm", 10)), (std::vector<std::uint64_t>{139}));
  EXPECT_EQ(index.size(), 7U);
}

}  // namespace
}  // namespace lienket::linkage
