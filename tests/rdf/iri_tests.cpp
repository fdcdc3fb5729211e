// RFC 3986 reference resolution (rdf/include/wsiskg/rdf/iri.hpp), checked against the RFC's own
// examples (§5.2.4, §5.4.1, §5.4.2) and the cases Turtle documents meet.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "wsiskg/rdf/iri.hpp"

namespace wsiskg::rdf {
namespace {

using Cases = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kRfcBase = "http://a/b/c/d;p?q";

void expect_resolved(const Cases& cases, const std::string& base) {
  for (const auto& [reference, expected] : cases) {
    EXPECT_EQ(resolve_iri(reference, base), expected)
        << "<" << reference << "> against <" << base << ">";
  }
}

TEST(ImportIriResolver, RemoveDotSegmentsRfcExamples) {
  EXPECT_EQ(remove_dot_segments("/a/b/c/./../../g"), "/a/g");
  EXPECT_EQ(remove_dot_segments("mid/content=5/../6"), "mid/6");
  EXPECT_EQ(remove_dot_segments("/b/c/./g/."), "/b/c/g/");
  EXPECT_EQ(remove_dot_segments("/.."), "/");
  EXPECT_EQ(remove_dot_segments("/../.."), "/");
  EXPECT_EQ(remove_dot_segments(".."), "");
  EXPECT_EQ(remove_dot_segments("./"), "");
  EXPECT_EQ(remove_dot_segments("/a/..b/.c"), "/a/..b/.c");  // dots inside names stay
  EXPECT_EQ(remove_dot_segments(""), "");
}

TEST(ImportIriResolver, RfcNormalExamples) {  // RFC 3986 §5.4.1
  expect_resolved({{"g:h", "g:h"},
                   {"g", "http://a/b/c/g"},
                   {"./g", "http://a/b/c/g"},
                   {"g/", "http://a/b/c/g/"},
                   {"/g", "http://a/g"},
                   {"//g", "http://g"},
                   {"?y", "http://a/b/c/d;p?y"},
                   {"g?y", "http://a/b/c/g?y"},
                   {"#s", "http://a/b/c/d;p?q#s"},
                   {"g#s", "http://a/b/c/g#s"},
                   {"g?y#s", "http://a/b/c/g?y#s"},
                   {";x", "http://a/b/c/;x"},
                   {"g;x", "http://a/b/c/g;x"},
                   {"g;x?y#s", "http://a/b/c/g;x?y#s"},
                   {"", "http://a/b/c/d;p?q"},
                   {".", "http://a/b/c/"},
                   {"./", "http://a/b/c/"},
                   {"..", "http://a/b/"},
                   {"../", "http://a/b/"},
                   {"../g", "http://a/b/g"},
                   {"../..", "http://a/"},
                   {"../../", "http://a/"},
                   {"../../g", "http://a/g"}},
                  kRfcBase);
}

TEST(ImportIriResolver, RfcAbnormalExamples) {  // RFC 3986 §5.4.2
  expect_resolved({{"../../../g", "http://a/g"},
                   {"../../../../g", "http://a/g"},
                   {"/./g", "http://a/g"},
                   {"/../g", "http://a/g"},
                   {"g.", "http://a/b/c/g."},
                   {".g", "http://a/b/c/.g"},
                   {"g..", "http://a/b/c/g.."},
                   {"..g", "http://a/b/c/..g"},
                   {"./../g", "http://a/b/g"},
                   {"./g/.", "http://a/b/c/g/"},
                   {"g/./h", "http://a/b/c/g/h"},
                   {"g/../h", "http://a/b/c/h"},
                   {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
                   {"g;x=1/../y", "http://a/b/c/y"},
                   {"g?y/./x", "http://a/b/c/g?y/./x"},
                   {"g?y/../x", "http://a/b/c/g?y/../x"},
                   {"g#s/./x", "http://a/b/c/g#s/./x"},
                   {"g#s/../x", "http://a/b/c/g#s/../x"},
                   {"http:g", "http:g"}},  // strict parser: a scheme makes it absolute
                  kRfcBase);
}

TEST(ImportIriResolver, BaseShapes) {
  // An authority with an empty path merges under "/" (§5.2.3).
  EXPECT_EQ(resolve_iri("g", "http://a"), "http://a/g");
  EXPECT_EQ(resolve_iri("?q", "http://a"), "http://a?q");
  // The base's fragment never carries over; its query does only for an empty path.
  EXPECT_EQ(resolve_iri("", "http://a/b?q#f"), "http://a/b?q");
  EXPECT_EQ(resolve_iri("c", "http://a/b?q#f"), "http://a/c");
  // An empty query is kept apart from no query.
  EXPECT_EQ(resolve_iri("g?", "http://a/b"), "http://a/g?");
  // No authority (URNs, file: without host, tag:).
  EXPECT_EQ(resolve_iri("x", "urn:ex:a/b"), "urn:ex:a/x");
  EXPECT_EQ(resolve_iri("../d/e", "file:///home/u/data/f.ttl"), "file:///home/u/d/e");
  // Non-ASCII (IRIs, RFC 3987) passes through byte for byte.
  EXPECT_EQ(resolve_iri("caf\xC3\xA9/./x", "http://a/b/"), "http://a/b/caf\xC3\xA9/x");
}

TEST(ImportIriResolver, AbsoluteReferenceLosesDotSegments) {
  EXPECT_EQ(resolve_iri("http://x/a/./b/../c", kRfcBase), "http://x/a/c");
  EXPECT_EQ(resolve_iri("//x/./y", kRfcBase), "http://x/y");
}

TEST(ImportIriResolver, HasScheme) {
  EXPECT_TRUE(has_scheme("http://a"));
  EXPECT_TRUE(has_scheme("urn:x"));
  EXPECT_TRUE(has_scheme("a+b-c.d:x"));
  EXPECT_FALSE(has_scheme("g"));
  EXPECT_FALSE(has_scheme("./g:h"));  // ':' after a non-scheme character
  EXPECT_FALSE(has_scheme("1a:b"));   // must start with a letter
  EXPECT_FALSE(has_scheme(":x"));
  EXPECT_FALSE(has_scheme(""));
}

}  // namespace
}  // namespace wsiskg::rdf
