// Error status and codes from the model's error shapes.
#include "protocol/errors.hpp"

namespace trailbox::protocol {

ErrorInfo ResolveError(const ServiceModel& model, const AwsError& error) {
  ErrorInfo info;
  info.code = error.code();
  info.query_code = error.code();
  std::string shape_name;
  if (const Json* shape = model.FindErrorShape(error.code(), &shape_name)) {
    info.shape = shape;
    info.code = shape_name;
    if (shape->contains("error")) {
      const Json& trait = (*shape)["error"];
      info.status = trait.value("httpStatusCode", 400);
      info.sender_fault = trait.value("senderFault", info.status < 500);
      info.query_code = trait.value("code", shape_name);
    } else {
      // Exceptions without an "error" trait say only whether the server is at fault.
      bool is_server_fault = shape->value("fault", false);
      info.status = is_server_fault ? 500 : 400;
      info.sender_fault = !is_server_fault;
    }
  }
  if (error.http_status() != 0) info.status = error.http_status();
  if (info.status >= 500) info.sender_fault = false;
  return info;
}

}  // namespace trailbox::protocol
