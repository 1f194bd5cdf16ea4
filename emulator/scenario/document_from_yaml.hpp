// YAML -> documents as the service models shape them (core/json.hpp's conventions), for scenario steps and
// backtest rules. The model's shape decides each value's type:
//   structure  a YAML map keyed by member names as the model spells them (unknown members: an error, or dropped)
//   list, map  a YAML sequence / map, recursively
//   integer, long          a plain integer scalar ("300")
//   double, float          a number scalar ("1", "0.5")
//   boolean                true / false
//   timestamp              an ISO 8601 string ("2026-01-01T00:00:00Z") or epoch seconds -> epoch seconds
//   blob                   a string -> its bytes (Json::binary_t)
//   string                 any scalar as written; a YAML map or list is JSON-encoded (policy documents)
// A null value leaves the member out. `${name}` substitutions are only allowed where the value is a string.
#pragma once
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "protocol/model.hpp"

namespace trailbox::scenario {

/// A YAML value the shape does not accept; `member` is the path to it ("EventSelectors[0].ReadWriteType").
class ConversionError : public std::runtime_error {
 public:
  ConversionError(std::string member, std::string problem)
      : std::runtime_error((member.empty() ? std::string("input") : member) + ": " + problem),
        member_(std::move(member)),
        problem_(std::move(problem)) {}
  /// The member path, empty for the top level.
  const std::string& member() const { return member_; }
  /// What is wrong with it: "expected an integer, got 'five'".
  const std::string& problem() const { return problem_; }

 private:
  std::string member_;
  std::string problem_;
};

/// What to do with a member the structure does not have.
enum class UnknownMembers { kReject, kIgnore };

/// The document of `node` for a value of `shape` (a shape of `model`); `path` prefixes member paths in errors.
/// Throws ConversionError.
Json DocumentFromYaml(const YAML::Node& node, const protocol::ServiceModel& model, const Json& shape,
                      UnknownMembers unknown = UnknownMembers::kReject, const std::string& path = "");

/// The input (`is_output` false) or output document of `service`.`operation` from `node` (a map, or null for an
/// empty input). Throws ConversionError, also for an operation trailbox has no model of.
Json OperationDocumentFromYaml(const YAML::Node& node, std::string_view service, std::string_view operation,
                               bool is_output = false, UnknownMembers unknown = UnknownMembers::kReject);

/// A YAML value as plain JSON without a model (injected records, policy documents): plain scalars by YAML's core
/// schema (null, true/false, integers, floats, else strings); quoted scalars are strings.
/// Open: a plain integer with leading zeros (an account id such as 000000000000) stays a string.
Json PlainJsonFromYaml(const YAML::Node& node);

}  // namespace trailbox::scenario
