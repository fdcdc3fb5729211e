#include "wsiskg/import/parser.hpp"

#include <serd/serd.h>

#include <filesystem>

#include "parser_internal.hpp"

namespace wsiskg::import {

namespace detail {

std::string file_uri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) absolute = path;
  const std::string text = absolute.lexically_normal().string();
  SerdNode node = serd_node_new_file_uri(reinterpret_cast<const uint8_t*>(text.c_str()), nullptr,
                                         nullptr, true);
  std::string uri(reinterpret_cast<const char*>(node.buf), node.n_bytes);
  serd_node_free(&node);
  return uri;
}

}  // namespace detail

namespace {

Format format_for(const std::string& path, const ParseOptions& options) {
  if (options.format) return *options.format;
  if (auto format = format_from_path(path)) return *format;
  throw Error(ErrorKind::Usage, "cannot tell the RDF syntax of '" + path +
                                    "' from its name; give the format (nt, nq, ttl, trig, rdfxml)");
}

void dispatch(detail::ByteSource& source, Format format, const std::string& base,
              const ParseOptions& options, const ParseCallbacks& callbacks) {
  if (format == Format::RdfXml) {
    detail::parse_rdfxml(source, base, options, callbacks);
  } else {
    detail::parse_serd(source, format, base, options, callbacks);
  }
}

}  // namespace

void parse_file(const std::string& path, const ParseOptions& options,
                const ParseCallbacks& callbacks) {
  // Open first: a missing file or a directory is reported as such, whatever its name.
  auto source = detail::ByteSource::open_file(path);
  const Format format = format_for(path, options);
  // Standard input has no location of its own: resolve against the working directory.
  const std::string base =
      options.base ? *options.base : detail::file_uri(path == "-" ? std::string("stdin") : path);
  dispatch(source, format, base, options, callbacks);
}

void parse_string(std::string_view text, Format format, const std::string& source_name,
                  const ParseOptions& options, const ParseCallbacks& callbacks) {
  auto source = detail::ByteSource::from_memory(text, source_name);
  const std::string base = options.base ? *options.base : detail::file_uri(source_name);
  dispatch(source, format, base, options, callbacks);
}

}  // namespace wsiskg::import
