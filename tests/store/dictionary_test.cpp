// The term dictionary: ids for every kind of term, inline literals, round trips.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "temp_store.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::store {
namespace {

using rdf::Term;
using testing::iri;
using testing::TempDir;

const std::string kDate(rdf::xsd::kDate);
const std::string kInteger(rdf::xsd::kInteger);
const std::string kBoolean(rdf::xsd::kBoolean);

// Terms that must come back exactly as given (blank nodes are checked separately).
std::vector<Term> round_trip_terms() {
  std::string big(100 * 1024, 'x');
  for (std::size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  return {
      Term::iri("http://example.org/a"),
      Term::iri("http://example.org/\xC3\xA9t\xC3\xA9"),  // unicode IRI
      Term::iri(big),
      Term::literal("plain"),
      Term::literal(""),
      Term::literal(std::string("with\0nul", 8)),
      Term::literal("line\nbreak\r\n\ttab \"quoted\" \\"),
      Term::literal("\xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80"),  // CJK and an emoji
      Term::literal(big),
      Term::lang_literal("colour", "en-GB"),
      Term::lang_literal("couleur", "fr"),
      Term::lang_literal("", "de"),
      Term::literal("2024-01-31", kDate),
      Term::literal(std::string("x\0y", 3), "http://example.org/dt"),
      Term::literal("http://example.org/a"),  // same text as an IRI, other term
      Term::literal("0", kInteger),
      Term::literal("-1", kInteger),
      Term::literal("42", kInteger),
      Term::literal(std::to_string(kInlineIntegerMax), kInteger),
      Term::literal(std::to_string(kInlineIntegerMin), kInteger),
      Term::literal(std::to_string(kInlineIntegerMax + 1), kInteger),
      Term::literal(std::to_string(kInlineIntegerMin - 1), kInteger),
      Term::literal("9223372036854775807", kInteger),
      Term::literal("123456789012345678901234567890", kInteger),
      Term::literal("01", kInteger),
      Term::literal("+1", kInteger),
      Term::literal("-0", kInteger),
      Term::literal(" 1", kInteger),
      Term::literal("1.0", kInteger),
      Term::literal("", kInteger),
      Term::literal("true", kBoolean),
      Term::literal("false", kBoolean),
      Term::literal("TRUE", kBoolean),
      Term::literal("1", kBoolean),
      Term::literal("1", std::string(rdf::xsd::kDecimal)),
  };
}

TermIdKind expected_kind(const Term& term) {
  if (term.is_iri()) return TermIdKind::Iri;
  if (!term.language.empty()) return TermIdKind::LangLiteral;
  if (term.datatype == rdf::xsd::kString) return TermIdKind::SimpleLiteral;
  auto canonical_int = [](const std::string& s) {
    try {
      std::size_t used = 0;
      long long v = std::stoll(s, &used);
      return used == s.size() && std::to_string(v) == s && v >= kInlineIntegerMin &&
             v <= kInlineIntegerMax;
    } catch (...) {
      return false;
    }
  };
  if (term.datatype == kInteger && canonical_int(term.value)) return TermIdKind::InlineInteger;
  if (term.datatype == kBoolean && (term.value == "true" || term.value == "false")) {
    return TermIdKind::InlineBoolean;
  }
  return TermIdKind::TypedLiteral;
}

TEST(Dictionary, RoundTripEveryKind) {
  TempDir dir;
  auto terms = round_trip_terms();
  std::vector<TermId> ids;
  {
    auto store = Store::open(dir.store());
    auto txn = store.begin_write();
    for (const auto& term : terms) {
      TermId id = txn.intern(term);
      EXPECT_EQ(kind_of(id), expected_kind(term)) << rdf::to_ntriples(term).substr(0, 80);
      EXPECT_EQ(txn.intern(term), id);  // cached
      EXPECT_EQ(txn.decode(id), term);  // before the flush: from the write buffer
      ids.push_back(id);
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
      for (std::size_t j = i + 1; j < ids.size(); ++j) {
        EXPECT_NE(ids[i], ids[j]) << i << " vs " << j;
      }
    }
    txn.commit();
  }
  auto store = Store::open(dir.store());  // after reopening: from LMDB
  auto read = store.begin_read();
  for (std::size_t i = 0; i < terms.size(); ++i) {
    EXPECT_EQ(read.find(terms[i]), ids[i]);
    EXPECT_EQ(read.decode(ids[i]), terms[i]);
  }
  auto again = store.begin_write();  // a new write transaction finds the stored ids
  for (std::size_t i = 0; i < terms.size(); ++i) EXPECT_EQ(again.intern(terms[i]), ids[i]);
}

TEST(Dictionary, InlineLiteralValues) {
  EXPECT_EQ(inline_integer_value(*inline_integer(kInlineIntegerMin)), kInlineIntegerMin);
  EXPECT_EQ(inline_integer_value(*inline_integer(kInlineIntegerMax)), kInlineIntegerMax);
  EXPECT_LT(*inline_integer(-5), *inline_integer(3));  // id order is numeric order
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  EXPECT_EQ(txn.intern(Term::literal("-5", kInteger)), *inline_integer(-5));
  EXPECT_EQ(txn.intern(Term::literal("true", kBoolean)), inline_boolean(true));
  EXPECT_EQ(txn.intern(Term::literal("false", kBoolean)), inline_boolean(false));
  // Inline literals take no dictionary entry.
  EXPECT_EQ(txn.statistics().dictionary_terms, 0u);
  txn.intern(Term::literal("01", kInteger));
  EXPECT_EQ(txn.statistics().dictionary_terms, 1u);
}

TEST(Dictionary, LanguageTagsCompareCaseInsensitively) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  TermId lower = txn.intern(Term::lang_literal("hi", "en-gb"));
  rdf::TermRef upper(rdf::TermKind::Literal, "hi", rdf::kRdfLangString, "EN-GB");
  EXPECT_EQ(txn.intern(upper), lower);
  EXPECT_EQ(txn.decode(lower).language, "en-gb");
}

TEST(Dictionary, BlankNodesKeyByLabelAndDecodeToStoreLabels) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  TermId a = txn.intern(Term::blank("doc1#b0"));
  TermId b = txn.intern(Term::blank("doc2#b0"));
  EXPECT_NE(a, b);
  EXPECT_EQ(kind_of(a), TermIdKind::BlankNode);
  EXPECT_EQ(txn.intern(Term::blank("doc1#b0")), a);
  char expected[32];
  std::snprintf(expected, sizeof expected, "b%llx", static_cast<unsigned long long>(payload_of(a)));
  EXPECT_EQ(txn.decode(a), Term::blank(expected));
  EXPECT_NE(txn.decode(a), txn.decode(b));
  txn.commit();
  auto read = store.begin_read();
  EXPECT_EQ(read.find(Term::blank("doc1#b0")), a);
  EXPECT_EQ(read.decode(a), Term::blank(expected));
  // A blank node and an IRI with the same text are different terms.
  EXPECT_FALSE(read.find(Term::iri("doc1#b0")).has_value());
}

TEST(Dictionary, FindUnknownTerm) {
  TempDir dir;
  auto store = Store::open(dir.store());
  {
    auto txn = store.begin_write();
    txn.intern(iri("known"));
    EXPECT_FALSE(txn.find(iri("unknown")).has_value());
    EXPECT_TRUE(txn.find(iri("known")).has_value());
    EXPECT_FALSE(txn.find(Term::literal("known")).has_value());
    txn.commit();
  }
  auto read = store.begin_read();
  EXPECT_FALSE(read.find(iri("unknown")).has_value());
  EXPECT_FALSE(read.find(Term::lang_literal("known", "en")).has_value());
  EXPECT_TRUE(read.find(iri("known")).has_value());
  // Inline literals need no dictionary entry, so find() always answers them.
  EXPECT_EQ(read.find(Term::literal("7", kInteger)), inline_integer(7));
}

TEST(Dictionary, DecodeOfUnknownIdFails) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto read = store.begin_read();
  EXPECT_THROW(read.decode(make_term_id(TermIdKind::Iri, 12345)), Error);
  EXPECT_THROW(read.decode(kDefaultGraph), Error);
}

TEST(Dictionary, NewIdsGrowAcrossTransactions) {
  TempDir dir;
  auto store = Store::open(dir.store());
  TermId first;
  {
    auto txn = store.begin_write();
    first = txn.intern(iri("x"));
    txn.commit();
  }
  auto txn = store.begin_write();
  TermId second = txn.intern(Term::literal("y"));
  TermId third = txn.intern(Term::blank("z"));
  EXPECT_GT(payload_of(second), payload_of(first));
  EXPECT_GT(payload_of(third), payload_of(second));
  EXPECT_GT(third, second);
}

// More new terms than the write cache holds (its limit lowered through the environment): the
// buffer is flushed and the cache dropped mid-transaction, and terms on both sides of each flush
// stay findable, decodable and keep their ids.
TEST(Dictionary, TermsAcrossCacheFlushes) {
  TempDir dir;
  auto store = Store::open(dir.store());
  constexpr int kTerms = 5000;
  auto term = [](int i) { return Term::literal("t" + std::to_string(i), "http://example.org/dt"); };
  std::vector<TermId> ids;
  ::setenv("WSISKG_TERM_CACHE_LIMIT", "700", 1);
  {
    auto txn = store.begin_write();
    ::unsetenv("WSISKG_TERM_CACHE_LIMIT");
    for (int i = 0; i < kTerms; ++i) ids.push_back(txn.intern(term(i)));
    EXPECT_EQ(std::set<TermId>(ids.begin(), ids.end()).size(), static_cast<std::size_t>(kTerms));
    for (int i = 0; i < kTerms; i += 7) {
      EXPECT_EQ(txn.intern(term(i)), ids[i]) << i;
      EXPECT_EQ(txn.find(term(i)), ids[i]) << i;
      EXPECT_EQ(txn.decode(ids[i]), term(i)) << i;
    }
    EXPECT_FALSE(txn.find(term(kTerms)).has_value());
    EXPECT_EQ(txn.statistics().dictionary_terms, static_cast<std::uint64_t>(kTerms));
    txn.commit();
  }
  auto read = store.begin_read();
  EXPECT_EQ(read.statistics().dictionary_terms, static_cast<std::uint64_t>(kTerms));
  for (int i = 0; i < kTerms; i += 13) {
    EXPECT_EQ(read.decode(ids[i]), term(i));
    EXPECT_EQ(read.find(term(i)), ids[i]);
  }
}

// A large transaction with the default cache: one flush at commit, all in id order.
TEST(Dictionary, ManyTermsInOneTransaction) {
  TempDir dir;
  auto store = Store::open(dir.store());
  constexpr int kTerms = 300'000;
  std::vector<TermId> ids;
  ids.reserve(kTerms);
  {
    auto txn = store.begin_write();
    for (int i = 0; i < kTerms; ++i) {
      ids.push_back(txn.intern(Term::iri("http://example.org/t" + std::to_string(i))));
    }
    EXPECT_EQ(txn.decode(ids[kTerms - 1]), Term::iri("http://example.org/t299999"));
    txn.commit();
  }
  auto read = store.begin_read();
  EXPECT_EQ(read.statistics().dictionary_terms, static_cast<std::uint64_t>(kTerms));
  for (int i : {0, 177'777, kTerms - 1}) {
    EXPECT_EQ(read.decode(ids[i]), Term::iri("http://example.org/t" + std::to_string(i)));
    EXPECT_EQ(read.find(Term::iri("http://example.org/t" + std::to_string(i))), ids[i]);
  }
}

}  // namespace
}  // namespace wsiskg::store
