#include "text.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <openssl/evp.h>
#include <pcre2.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <random>
#include <unordered_map>
#include <utility>

namespace wsiskg::query::expression::text {

std::size_t length(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string_view slice(std::string_view utf8, std::size_t start, std::size_t count) {
  auto advance = [&](std::size_t pos, std::size_t chars) {
    while (pos < utf8.size() && chars > 0) {
      ++pos;
      while (pos < utf8.size() && (static_cast<unsigned char>(utf8[pos]) & 0xC0) == 0x80) ++pos;
      --chars;
    }
    return pos;
  };
  std::size_t begin = advance(0, start);
  std::size_t end = advance(begin, count);
  return utf8.substr(begin, end - begin);
}

namespace {
std::string case_map(std::string_view utf8, bool upper) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c < 0x80;
  if (ascii) {  // fast path; identical to the Unicode mapping for ASCII
    std::string out(utf8);
    for (char& c : out)
      if (upper && c >= 'a' && c <= 'z')
        c = static_cast<char>(c - 'a' + 'A');
      else if (!upper && c >= 'A' && c <= 'Z')
        c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  auto s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (upper)
    s.toUpper(icu::Locale::getRoot());
  else
    s.toLower(icu::Locale::getRoot());
  std::string out;
  s.toUTF8String(out);
  return out;
}
}  // namespace

std::string to_upper(std::string_view utf8) {
  return case_map(utf8, true);
}
std::string to_lower(std::string_view utf8) {
  return case_map(utf8, false);
}

// ---- regular expressions ----
namespace {

struct CodeDeleter {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* m) const { pcre2_match_data_free(m); }
};
struct MatchContextDeleter {
  void operator()(pcre2_match_context* m) const { pcre2_match_context_free(m); }
};
using CodePtr = std::shared_ptr<pcre2_code>;

constexpr std::uint32_t kMatchLimit = 1'000'000;  // backtracking steps per match attempt
constexpr std::uint32_t kDepthLimit = 10'000;

std::optional<std::uint32_t> compile_options(std::string_view flags) {
  std::uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY;
  bool literal = false, extended = false;
  for (char f : flags) {
    switch (f) {
      case 'i':
        options |= PCRE2_CASELESS;
        break;
      case 's':
        options |= PCRE2_DOTALL;
        break;
      case 'm':
        options |= PCRE2_MULTILINE;
        break;
      case 'x':
        extended = true;
        break;
      case 'q':
        literal = true;
        break;
      default:
        return std::nullopt;  // err:FORX0001
    }
  }
  if (literal) {
    options |= PCRE2_LITERAL;  // 'x' has no effect on a literal pattern
    options &= ~(PCRE2_MULTILINE | PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY | PCRE2_UCP);
  } else if (extended) {
    options |= PCRE2_EXTENDED;
  }
  return options;
}

// Compiled patterns are cached per thread: FILTER(REGEX(?x, "…")) compiles once per query.
CodePtr compile(std::string_view pattern, std::string_view flags) {
  thread_local std::unordered_map<std::string, CodePtr> cache;
  std::string key = std::string(flags) + '\x01' + std::string(pattern);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto options = compile_options(flags);
  if (!options) return nullptr;
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   *options, &error, &offset, nullptr);
  if (!code) return nullptr;
  CodePtr ptr(code, CodeDeleter{});
  if (cache.size() > 256) cache.clear();
  cache.emplace(std::move(key), ptr);
  return ptr;
}

class Matcher {
 public:
  explicit Matcher(CodePtr code)
      : code_(std::move(code)),
        data_(pcre2_match_data_create_from_pattern(code_.get(), nullptr)),
        context_(pcre2_match_context_create(nullptr)) {
    pcre2_set_match_limit(context_.get(), kMatchLimit);
    pcre2_set_depth_limit(context_.get(), kDepthLimit);
  }
  // 1 match, 0 no match, -1 error (limit hit, bad UTF-8).
  int match(std::string_view subject, std::size_t start, std::uint32_t options = 0) {
    int rc = pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(),
                         start, options, data_.get(), context_.get());
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    return rc < 0 ? -1 : 1;
  }
  // Byte range of group `n`; nullopt when the group did not participate.
  std::optional<std::pair<std::size_t, std::size_t>> group(std::uint32_t n) const {
    if (n >= pcre2_get_ovector_count(data_.get())) return std::nullopt;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data_.get());
    if (ov[2 * n] == PCRE2_UNSET) return std::nullopt;
    return std::pair{static_cast<std::size_t>(ov[2 * n]), static_cast<std::size_t>(ov[2 * n + 1])};
  }
  std::uint32_t groups() const {
    std::uint32_t n = 0;
    pcre2_pattern_info(code_.get(), PCRE2_INFO_CAPTURECOUNT, &n);
    return n;
  }

 private:
  CodePtr code_;
  std::unique_ptr<pcre2_match_data, MatchDataDeleter> data_;
  std::unique_ptr<pcre2_match_context, MatchContextDeleter> context_;
};

}  // namespace

std::optional<bool> regex_search(std::string_view input, std::string_view pattern,
                                 std::string_view flags) {
  auto code = compile(pattern, flags);
  if (!code) return std::nullopt;
  Matcher m(code);
  int rc = m.match(input, 0);
  if (rc < 0) return std::nullopt;
  return rc == 1;
}

std::optional<std::string> regex_replace(std::string_view input, std::string_view pattern,
                                         std::string_view replacement, std::string_view flags) {
  auto code = compile(pattern, flags);
  if (!code) return std::nullopt;
  Matcher m(code);
  if (m.match("", 0) != 0) return std::nullopt;  // err:FORX0003 (or a match error)
  const std::uint32_t groups = m.groups();
  bool literal_replacement = flags.find('q') != std::string_view::npos;

  std::string out;
  std::size_t pos = 0;
  while (pos <= input.size()) {
    int rc = m.match(input, pos);
    if (rc < 0) return std::nullopt;
    if (rc == 0) break;
    auto [begin, end] = *m.group(0);
    out.append(input.substr(pos, begin - pos));
    for (std::size_t i = 0; i < replacement.size(); ++i) {
      char c = replacement[i];
      if (literal_replacement) {
        out.push_back(c);
      } else if (c == '\\') {
        if (i + 1 >= replacement.size() ||
            (replacement[i + 1] != '\\' && replacement[i + 1] != '$'))
          return std::nullopt;  // err:FORX0004
        out.push_back(replacement[++i]);
      } else if (c == '$') {
        if (i + 1 >= replacement.size() || replacement[i + 1] < '0' || replacement[i + 1] > '9')
          return std::nullopt;  // err:FORX0004
        // Take as many digits as still name an existing group (XPath 2.0 fn:replace).
        std::uint32_t n = static_cast<std::uint32_t>(replacement[++i] - '0');
        while (i + 1 < replacement.size() && replacement[i + 1] >= '0' &&
               replacement[i + 1] <= '9') {
          std::uint32_t next = n * 10 + static_cast<std::uint32_t>(replacement[i + 1] - '0');
          if (next > groups) break;
          n = next, ++i;
        }
        if (auto g = m.group(n); g && n <= groups)
          out.append(input.substr(g->first, g->second - g->first));
      } else {
        out.push_back(c);
      }
    }
    pos = end;  // never empty: the pattern cannot match ""
  }
  if (pos < input.size()) out.append(input.substr(pos));
  return out;
}

// ---- hashes, encoding, random ----
std::string hex_digest(Hash hash, std::string_view data) {
  const EVP_MD* md = nullptr;
  switch (hash) {
    case Hash::Md5:
      md = EVP_md5();
      break;
    case Hash::Sha1:
      md = EVP_sha1();
      break;
    case Hash::Sha256:
      md = EVP_sha256();
      break;
    case Hash::Sha384:
      md = EVP_sha384();
      break;
    case Hash::Sha512:
      md = EVP_sha512();
      break;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, md, nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

std::string encode_for_uri(std::string_view utf8) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : utf8) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

namespace {
std::mt19937_64& generator() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return gen;
}
}  // namespace

std::string random_uuid() {
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < 16; i += 8) {
    auto v = generator()();
    for (std::size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<unsigned char>(v >> (8 * j));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

double random_unit() {
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator());
}

}  // namespace wsiskg::query::expression::text
