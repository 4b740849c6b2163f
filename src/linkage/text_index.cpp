#include "linkage/text_index.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <utility>

#include "linkage/vi_tokenizer.hpp"

namespace lienket::linkage {
namespace {

void PutVarint(std::vector<std::uint8_t>* out, std::uint32_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<std::uint8_t>(value));
}

std::uint32_t GetVarint(const std::uint8_t** p) {
  std::uint32_t value = 0;
  int shift = 0;
  while (**p & 0x80) {
    value |= static_cast<std::uint32_t>(**p & 0x7F) << shift;
    shift += 7;
    ++*p;
  }
  value |= static_cast<std::uint32_t>(**p) << shift;
  ++*p;
  return value;
}

// Calls f(doc, tf) for every posting of a list.
template <typename F>
void ForEachPosting(const std::vector<std::uint8_t>& bytes, F f) {
  const std::uint8_t* p = bytes.data();
  const std::uint8_t* end = p + bytes.size();
  std::uint32_t doc = 0;
  bool first = true;
  while (p < end) {
    const std::uint32_t delta = GetVarint(&p);
    doc = first ? delta : doc + delta;
    first = false;
    const std::uint32_t tf = *p++;
    f(doc, tf);
  }
}

// Per-thread scratch of Search: one score per document, reset after each query through the
// list of touched documents, so a query costs what its postings cost, not the index's size.
struct Scratch {
  std::vector<float> acc;
  std::vector<std::uint32_t> touched;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

TextIndex::TextIndex(TextWeights weights) : weights_(weights) {}

core::Status TextIndex::Add(std::uint64_t id, std::string_view primary,
                            std::string_view secondary) {
  if (doc_of_id_.count(id) != 0) {
    return core::MakeError(core::ErrorCode::kAlreadyExists,
                           "Tin " + std::to_string(id) + " đã có trong chỉ mục",
                           "Listing " + std::to_string(id) + " is already indexed");
  }
  const std::vector<ViToken> head = TokenizeVi(primary);
  const std::vector<ViToken> body = TokenizeVi(secondary);
  const std::vector<ViToken> pairs = Bigrams(head);

  // (term, weighted tf) for this document, merged after sorting.
  std::vector<std::pair<std::string, std::uint32_t>> terms;
  terms.reserve(2 * (head.size() + body.size() + pairs.size()));
  const auto primary_tf = static_cast<std::uint32_t>(std::max(1, weights_.primary_tf));
  auto add_token = [&terms](const ViToken& t, std::uint32_t tf) {
    terms.emplace_back(t.folded, tf);
    if (t.HasMarks()) terms.emplace_back(t.exact, tf);
  };
  std::uint32_t length = 0;
  for (const ViToken& t : head) {
    add_token(t, primary_tf);
    length += primary_tf;
  }
  for (const ViToken& t : body) {
    add_token(t, 1);
    length += 1;
  }
  for (const ViToken& t : pairs) add_token(t, 1);
  std::sort(terms.begin(), terms.end());

  const auto doc = static_cast<std::uint32_t>(doc_ids_.size());
  for (std::size_t i = 0; i < terms.size();) {
    std::size_t j = i;
    std::uint32_t tf = 0;
    while (j < terms.size() && terms[j].first == terms[i].first) tf += terms[j++].second;
    AddPosting(terms[i].first, doc, std::min<std::uint32_t>(tf, 255));
    i = j;
  }
  length = std::min<std::uint32_t>(length, 65535);
  doc_ids_.push_back(id);
  doc_length_.push_back(static_cast<std::uint16_t>(length));
  removed_.push_back(false);
  doc_of_id_.emplace(id, doc);
  ++live_docs_;
  total_length_ += length;
  return {};
}

void TextIndex::AddPosting(const std::string& term, std::uint32_t doc, std::uint32_t tf) {
  PostingList& list = terms_[term];
  PutVarint(&list.bytes, list.df == 0 ? doc : doc - list.last_doc);
  list.bytes.push_back(static_cast<std::uint8_t>(tf));
  list.last_doc = doc;
  ++list.df;
}

core::Status TextIndex::Remove(std::uint64_t id) {
  auto it = doc_of_id_.find(id);
  if (it == doc_of_id_.end()) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "Tin " + std::to_string(id) + " không có trong chỉ mục",
                           "Listing " + std::to_string(id) + " is not indexed");
  }
  const std::uint32_t doc = it->second;
  doc_of_id_.erase(it);
  removed_[doc] = true;
  --live_docs_;
  ++removed_docs_;
  total_length_ -= doc_length_[doc];
  if (removed_docs_ * 8 > doc_ids_.size()) Compact();
  return {};
}

void TextIndex::Compact() {
  if (removed_docs_ == 0) return;
  std::vector<std::uint32_t> renumber(doc_ids_.size(), 0);
  std::vector<std::uint64_t> ids;
  std::vector<std::uint16_t> lengths;
  ids.reserve(live_docs_);
  lengths.reserve(live_docs_);
  for (std::uint32_t doc = 0; doc < doc_ids_.size(); ++doc) {
    if (removed_[doc]) continue;
    renumber[doc] = static_cast<std::uint32_t>(ids.size());
    ids.push_back(doc_ids_[doc]);
    lengths.push_back(doc_length_[doc]);
  }
  for (auto it = terms_.begin(); it != terms_.end();) {
    PostingList rebuilt;
    ForEachPosting(it->second.bytes, [&](std::uint32_t doc, std::uint32_t tf) {
      if (removed_[doc]) return;
      const std::uint32_t d = renumber[doc];
      PutVarint(&rebuilt.bytes, rebuilt.df == 0 ? d : d - rebuilt.last_doc);
      rebuilt.bytes.push_back(static_cast<std::uint8_t>(tf));
      rebuilt.last_doc = d;
      ++rebuilt.df;
    });
    if (rebuilt.df == 0) {
      it = terms_.erase(it);
    } else {
      rebuilt.bytes.shrink_to_fit();
      it->second = std::move(rebuilt);
      ++it;
    }
  }
  doc_ids_ = std::move(ids);
  doc_length_ = std::move(lengths);
  removed_.assign(doc_ids_.size(), false);
  doc_of_id_.clear();
  for (std::uint32_t doc = 0; doc < doc_ids_.size(); ++doc) doc_of_id_.emplace(doc_ids_[doc], doc);
  removed_docs_ = 0;
}

TextQuery TextIndex::Prepare(std::string_view text) {
  const std::vector<ViToken> tokens = TokenizeVi(text);
  TextQuery query;
  for (const ViToken& t : tokens) query.has_marks = query.has_marks || t.HasMarks();
  auto push = [&query](const ViToken& t) {
    for (const std::string& seen : query.folded_terms) {
      if (seen == t.folded) return;  // a repeated word counts once
    }
    query.folded_terms.push_back(t.folded);
    query.exact_terms.push_back(t.HasMarks() ? t.exact : std::string());
  };
  for (const ViToken& t : tokens) push(t);
  query.unigram_count = query.folded_terms.size();
  for (const ViToken& t : Bigrams(tokens)) push(t);
  return query;
}

double TextIndex::Idf(const PostingList& list) const {
  const double n = static_cast<double>(live_docs_);
  const double df = std::min<double>(list.df, n);
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

void TextIndex::Accumulate(const PostingList& list, double idf, std::vector<float>* acc,
                           std::vector<std::uint32_t>* touched) const {
  const double k1 = weights_.k1;
  const double b = weights_.b;
  const double avgdl = live_docs_ == 0 ? 1.0 : total_length_ / static_cast<double>(live_docs_);
  const double norm = k1 * b / std::max(avgdl, 1.0);
  const double base = k1 * (1.0 - b);
  float* scores = acc->data();
  ForEachPosting(list.bytes, [&](std::uint32_t doc, std::uint32_t tf) {
    if (removed_[doc]) return;
    const double t = tf;
    const double s = idf * t * (k1 + 1.0) / (t + base + norm * doc_length_[doc]);
    if (scores[doc] == 0.0F) touched->push_back(doc);
    scores[doc] += static_cast<float>(s);
  });
}

std::vector<TextHit> TextIndex::Search(const TextQuery& query, std::size_t k) const {
  std::vector<TextHit> hits;
  if (k == 0 || live_docs_ == 0 || query.folded_terms.empty()) return hits;
  Scratch& scratch = ThreadScratch();
  if (scratch.acc.size() < doc_ids_.size()) scratch.acc.resize(doc_ids_.size(), 0.0F);
  scratch.touched.clear();

  for (std::size_t i = 0; i < query.folded_terms.size(); ++i) {
    const double scale = i < query.unigram_count ? 1.0 : weights_.bigram;
    const std::string& exact = query.exact_terms[i];
    const bool split = query.has_marks && !exact.empty();
    auto folded = terms_.find(query.folded_terms[i]);
    if (folded == terms_.end()) continue;  // no exact form without its folded form
    // Both forms use the folded term's idf, so the weights alone set how much more an exact
    // match counts than a folded-only one (exactly exact/folded for equal term frequencies).
    const double idf = Idf(folded->second) * scale;
    Accumulate(folded->second, idf * (split ? weights_.folded : weights_.exact), &scratch.acc,
               &scratch.touched);
    if (split && weights_.exact > weights_.folded) {
      if (auto it = terms_.find(exact); it != terms_.end()) {
        Accumulate(it->second, idf * (weights_.exact - weights_.folded), &scratch.acc,
                   &scratch.touched);
      }
    }
  }

  // `better(a, b)`: a ranks before b. As the heap's order it keeps the weakest hit on top.
  auto better = [](const TextHit& a, const TextHit& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  };
  std::priority_queue<TextHit, std::vector<TextHit>, decltype(better)> heap(better);
  for (std::uint32_t doc : scratch.touched) {
    const TextHit hit{doc_ids_[doc], scratch.acc[doc]};
    scratch.acc[doc] = 0.0F;
    if (heap.size() < k) {
      heap.push(hit);
    } else if (better(hit, heap.top())) {  // better than the weakest kept
      heap.pop();
      heap.push(hit);
    }
  }
  hits.resize(heap.size());
  for (std::size_t i = hits.size(); i-- > 0;) {
    hits[i] = heap.top();
    heap.pop();
  }
  return hits;
}

std::size_t TextIndex::posting_bytes() const {
  std::size_t bytes = 0;
  for (const auto& [term, list] : terms_) bytes += list.bytes.capacity();
  return bytes;
}

}  // namespace lienket::linkage
