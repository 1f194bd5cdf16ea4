// A service's operations: name -> handler. Each topic file registers its handlers with lines of the form
//   table.Add("CreateUser", CreateUser);
// tools/embed_models.py reads exactly those lines to decide which operations' shapes to embed, so there is one
// list and no second copy to keep in step.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/call.hpp"
#include "core/json.hpp"

namespace trailbox {

/// A handler takes the model-shaped input document and returns the output document ({} when empty).
using Handler = Json (*)(Call& call, const Json& input);

class OperationTable {
 public:
  void Add(std::string_view name, Handler handler) { handlers_.emplace(std::string(name), handler); }
  Handler Find(std::string_view name) const {
    auto found = handlers_.find(name);
    return found == handlers_.end() ? nullptr : found->second;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, handler] : handlers_) out.push_back(name);
    return out;
  }

 private:
  std::map<std::string, Handler, std::less<>> handlers_;
};

}  // namespace trailbox
