#include "wsiskg/rdf/iri.hpp"

#include <algorithm>
#include <optional>

namespace wsiskg::rdf {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_scheme_char(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

std::size_t scheme_length(std::string_view iri) {
  if (iri.empty() || !is_alpha(iri.front())) return 0;
  std::size_t i = 1;
  while (i < iri.size() && is_scheme_char(iri[i])) ++i;
  return i < iri.size() && iri[i] == ':' ? i : 0;
}

// The five components of RFC 3986 §3 (appendix B's split); absent ones are nullopt, which
// differs from present but empty ("http://a?" has an empty query).
struct Components {
  std::optional<std::string_view> scheme;
  std::optional<std::string_view> authority;
  std::string_view path;
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

Components split(std::string_view s) {
  Components c;
  if (const std::size_t n = scheme_length(s); n > 0) {
    c.scheme = s.substr(0, n);
    s.remove_prefix(n + 1);
  }
  if (s.starts_with("//")) {
    s.remove_prefix(2);
    const std::size_t end = std::min(s.find_first_of("/?#"), s.size());
    c.authority = s.substr(0, end);
    s.remove_prefix(end);
  }
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    c.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t question = s.find('?'); question != std::string_view::npos) {
    c.query = s.substr(question + 1);
    s = s.substr(0, question);
  }
  c.path = s;
  return c;
}

// RFC 3986 §5.2.3.
std::string merge(const Components& base, std::string_view reference_path) {
  std::string merged;
  if (base.authority && base.path.empty()) {
    merged = "/";
  } else if (const std::size_t slash = base.path.rfind('/'); slash != std::string_view::npos) {
    merged = base.path.substr(0, slash + 1);
  }
  merged += reference_path;
  return merged;
}

}  // namespace

bool has_scheme(std::string_view iri) {
  return scheme_length(iri) > 0;
}

std::string remove_dot_segments(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  while (!in.empty()) {
    if (in.starts_with("../")) {  // A
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {  // A
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {  // B
      in.remove_prefix(2);
    } else if (in == "/.") {  // B
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {  // C: drop the last output segment
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      const std::size_t cut = out.rfind('/');
      out.erase(cut == std::string::npos ? 0 : cut);
    } else if (in == "." || in == "..") {  // D
      in = {};
    } else {  // E: move the first segment (with its leading "/") to the output
      const std::size_t next = std::min(in.find('/', in.front() == '/' ? 1 : 0), in.size());
      out += in.substr(0, next);
      in.remove_prefix(next);
    }
  }
  return out;
}

std::string resolve_iri(std::string_view reference, std::string_view base_iri) {
  const Components r = split(reference);
  const Components b = split(base_iri);
  std::optional<std::string_view> scheme = b.scheme;
  std::optional<std::string_view> authority = b.authority;
  std::optional<std::string_view> query = r.query;
  std::string path;
  if (r.scheme) {
    scheme = r.scheme;
    authority = r.authority;
    path = remove_dot_segments(r.path);
  } else if (r.authority) {
    authority = r.authority;
    path = remove_dot_segments(r.path);
  } else if (r.path.empty()) {
    path = b.path;
    if (!r.query) query = b.query;
  } else if (r.path.front() == '/') {
    path = remove_dot_segments(r.path);
  } else {
    path = remove_dot_segments(merge(b, r.path));
  }

  std::string out;
  out.reserve(base_iri.size() + reference.size());
  if (scheme) (out += *scheme) += ':';
  if (authority) (out += "//") += *authority;
  out += path;
  if (query) (out += '?') += *query;
  if (r.fragment) (out += '#') += *r.fragment;
  return out;
}

}  // namespace wsiskg::rdf
