#pragma once
// Iterator and context types every grammar translation unit is instantiated with
// (BOOST_SPIRIT_INSTANTIATE); they must agree across files or rules will not link.

#include <boost/spirit/home/x3.hpp>
#include <functional>

#include "primitives.hpp"
#include "state.hpp"

namespace wsiskg::query::parser {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;
using skipper_type = skipper_parser;
using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type =
    x3::context<state_tag, std::reference_wrapper<ParseState>, phrase_context_type>;

}  // namespace wsiskg::query::parser
