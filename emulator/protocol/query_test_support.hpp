// Test support shared by the awsQuery and ec2 codec tests: form-encoded requests and capturing an AwsError.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/aws_error.hpp"
#include "protocol/http_message.hpp"

namespace trailbox::protocol {

/// A POST with a form body, as query and ec2 clients send.
inline HttpRequest FormPost(std::string body) {
  return HttpRequest::Make("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                           std::move(body));
}

/// The AwsError `call` throws; a test failure (and an empty error) when it throws none.
inline AwsError ErrorFrom(const std::function<void()>& call) {
  try {
    call();
  } catch (const AwsError& error) {
    return error;
  }
  ADD_FAILURE() << "expected an AwsError";
  return AwsError("None", "");
}

}  // namespace trailbox::protocol
