// readOnly and management/data classification: the table covers every operation trailbox implements.
#include "trail/classification.hpp"

#include <gtest/gtest.h>

#include "http/engine.hpp"

namespace trailbox::trail {
namespace {

TEST(Classification, EveryRegisteredOperationIsCovered) {
  http::EngineOptions options;
  options.ephemeral = true;
  options.clock_mode = ClockMode::kVirtual;
  http::Engine engine(options);
  for (const auto& [name, table] : engine.services()) {
    std::string service = protocol::FindServiceModel(name)->endpoint_prefix();
    for (const std::string& operation : table.names()) {
      EXPECT_TRUE(ClassifyOperation(service, operation).has_value()) << service << " " << operation;
    }
  }
}

TEST(Classification, VerbsAndExceptions) {
  EXPECT_TRUE(Classify("ec2", "DescribeInstances").read_only);
  EXPECT_FALSE(Classify("ec2", "RunInstances").read_only);
  EXPECT_TRUE(Classify("sts", "AssumeRole").read_only);
  EXPECT_TRUE(Classify("cloudtrail", "LookupEvents").read_only);
  EXPECT_EQ(Classify("s3", "GetObject").category, EventCategory::kData);
  EXPECT_EQ(Classify("s3", "PutObject").category, EventCategory::kData);
  EXPECT_FALSE(Classify("s3", "PutObject").read_only);
  EXPECT_EQ(Classify("s3", "CreateBucket").category, EventCategory::kManagement);
  EXPECT_FALSE(ClassifyOperation("ec2", "Getaway").has_value());
}

}  // namespace
}  // namespace trailbox::trail
