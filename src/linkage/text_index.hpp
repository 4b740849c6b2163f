// TextIndex: lienket's own in-memory inverted index for listing text, with BM25 ranking that
// understands Vietnamese. Built once, then documents can be added and removed one at a time.
//
// Terms (see vi_tokenizer.hpp): every syllable in its folded form ("vai"), every syllable that
// has marks also in its exact form ("vải"), and syllable bigrams of the primary text in both
// forms ("vai thieu", "vải thiều"). A query syllable contributes
//     idf(folded) * [folded_weight * tf_part(folded term) + (exact_weight - folded_weight) *
//     tf_part(exact term)]   (tf_part: BM25's saturated, length-normalised term frequency),
// so a document that has the word as written ("đỗ") earns exact_weight and one that has it only
// tone-folded ("do", "đỏ") earns folded_weight. A query typed without any marks ("vai thieu")
// says nothing about tones: its terms are all scored as folded terms at exact_weight. Bigram terms
// add bigram_weight times their BM25, so "vải thiều" ranks a listing with the two syllables
// adjacent above one that has "vải" and "thiều" apart.
//
// Postings are delta-varint byte strings (about 2 bytes a posting: a million listings take
// a few hundred MB less than plain arrays); a query accumulates scores term at a time into a
// per-thread array and keeps the top k in a heap.
//
// Thread safety: Search may run concurrently from many threads; Add, Remove and Compact need
// exclusive access (callers hold a writer lock).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace lienket::linkage {

struct TextWeights {
  double exact = 1.0;    // a query syllable found as written (tones, đ)
  double folded = 0.6;   // found only after folding ("do" for "đỗ")
  double bigram = 0.8;   // extra weight of an adjacent syllable pair, on top of the syllables
  int primary_tf = 2;    // a word of the primary text (title, product name) counts this many times
  double k1 = 1.2;       // BM25 term-frequency saturation
  double b = 0.75;       // BM25 length normalisation
};

struct TextHit {
  std::uint64_t id = 0;
  double score = 0;
};

// A tokenized query, prepared once and searchable many times.
struct TextQuery {
  std::vector<std::string> folded_terms;  // folded unigrams, then folded bigrams
  std::vector<std::string> exact_terms;   // exact form of the same positions ("" when no marks)
  std::size_t unigram_count = 0;          // the first unigram_count entries are syllables
  bool has_marks = false;                 // false: the user typed without tones
};

class TextIndex {
 public:
  explicit TextIndex(TextWeights weights = {});

  // Indexes a document under the caller's id. `primary` is the short, telling text (title and
  // product name: weighted, and bigrams taken from it), `secondary` the rest (description).
  // Errors: kAlreadyExists when `id` is indexed already.
  [[nodiscard]] core::Status Add(std::uint64_t id, std::string_view primary,
                                 std::string_view secondary);

  // Removes a document (its postings are skipped at once and dropped by the next compaction,
  // which runs by itself when an eighth of the postings belong to removed documents).
  // Errors: kNotFound when `id` is not indexed.
  [[nodiscard]] core::Status Remove(std::uint64_t id);

  // Rewrites the postings without removed documents and recounts document frequencies.
  void Compact();

  [[nodiscard]] static TextQuery Prepare(std::string_view text);

  // The k best documents for `query`, best first (ties by ascending id); documents sharing no
  // term with the query are not returned.
  [[nodiscard]] std::vector<TextHit> Search(const TextQuery& query, std::size_t k) const;
  [[nodiscard]] std::vector<TextHit> Search(std::string_view text, std::size_t k) const {
    return Search(Prepare(text), k);
  }

  [[nodiscard]] std::size_t size() const { return live_docs_; }
  [[nodiscard]] std::size_t term_count() const { return terms_.size(); }
  // Bytes held by the posting lists (for the benchmark's report).
  [[nodiscard]] std::size_t posting_bytes() const;
  [[nodiscard]] const TextWeights& weights() const { return weights_; }

 private:
  struct PostingList {
    std::vector<std::uint8_t> bytes;  // (varint doc delta, tf byte) pairs
    std::uint32_t last_doc = 0;
    std::uint32_t df = 0;  // documents, removed ones included until compaction
  };

  void AddPosting(const std::string& term, std::uint32_t doc, std::uint32_t tf);
  [[nodiscard]] double Idf(const PostingList& list) const;
  // Adds idf × BM25's term-frequency part of every live posting to `acc`.
  void Accumulate(const PostingList& list, double idf, std::vector<float>* acc,
                  std::vector<std::uint32_t>* touched) const;

  TextWeights weights_;
  std::unordered_map<std::string, PostingList> terms_;
  std::vector<std::uint64_t> doc_ids_;     // internal doc number -> caller's id
  std::vector<std::uint16_t> doc_length_;  // weighted syllable count
  std::vector<bool> removed_;
  std::unordered_map<std::uint64_t, std::uint32_t> doc_of_id_;
  std::size_t live_docs_ = 0;
  std::size_t removed_docs_ = 0;
  double total_length_ = 0;  // of live documents
};

}  // namespace lienket::linkage
