#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace wsiskg::import {

enum class Format { NTriples, NQuads, Turtle, TriG, RdfXml };

// "nt", "nq", "ttl", "trig", "rdfxml" (also "ntriples", "nquads", "turtle", "xml", "rdf").
std::optional<Format> format_from_name(std::string_view name);
// From the file extension, ignoring a trailing ".gz": .nt .nq .ttl .trig .rdf .owl .xml.
std::optional<Format> format_from_path(const std::filesystem::path& path);
std::string_view format_name(Format format);  // "nt", "nq", ...
bool has_graphs(Format format);                // N-Quads and TriG carry a graph per statement

}  // namespace wsiskg::import
