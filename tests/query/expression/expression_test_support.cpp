#include "expression_test_support.hpp"

#include "wsiskg/query/parser.hpp"

namespace wsiskg::query::expression::testing {

ast::Expression parse_expression(std::string_view expr) {
  std::string text =
      "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
      "PREFIX ex: <http://example.org/>\n"
      "SELECT (" +
      std::string(expr) + " AS ?r) {}";
  auto query = parse_query(text);
  return *query.select.items.at(0).expression;
}

Value eval(std::string_view expr, FakeContext& context) {
  return evaluate(parse_expression(expr), context);
}

Value eval(std::string_view expr) {
  FakeContext context;
  return eval(expr, context);
}

}  // namespace wsiskg::query::expression::testing
