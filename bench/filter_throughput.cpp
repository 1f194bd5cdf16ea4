// Filter evaluation throughput: CloudTrail-shaped records per second through the 15 CIS metric-filter patterns
// (shared/reference/filter-patterns.md §10), on one core, the way logs::Ingest evaluates them — each record parsed
// once (filter::Event) and shared by all 15 filters, each match extracting its metric value. Prints the rate;
// asserts nothing. Built and run by bench/filter_throughput.sh against a build directory's libtrailbox_filter.a.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "filter/filter.hpp"

namespace {

const char* const kPatterns[] = {
    R"({ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") })",
    R"({ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") })",
    R"({ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" })",
    R"({($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)})",
    R"({ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) })",
    R"({ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") })",
    R"({($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) })",
    R"({ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) })",
    R"({ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) })",
    R"({ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) })",
    R"({ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) })",
    R"({ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) })",
    R"({ ($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) })",
    R"({ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) })",
    R"({ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) })",
};

// A single-line CloudTrail record (about 1.2 KB) of the given call.
std::string Record(int i, const char* source, const char* name, const char* error_code) {
  std::string record =
      R"({"eventVersion":"1.11","userIdentity":{"type":"IAMUser","principalId":"AIDACKCEVSQ6C2EXAMPLE","arn":"arn:aws:iam::111122223333:user/Mateo","accountId":"111122223333","accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"Mateo","sessionContext":{"attributes":{"creationDate":"2024-05-01T11:00:00Z","mfaAuthenticated":"false"}}},"eventTime":"2024-05-01T12:00:05Z","eventSource":")";
  record += source;
  record += R"(","eventName":")";
  record += name;
  record += R"(","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.)" + std::to_string(i % 250) +
            R"(","userAgent":"aws-cli/2.15.40 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/ec2.run-instances",)";
  if (error_code[0] != '\0') {
    record += R"("errorCode":")" + std::string(error_code) + R"(","errorMessage":"You are not authorized to perform this operation.",)";
  }
  record +=
      R"("requestParameters":{"instancesSet":{"items":[{"imageId":"ami-0abcdef1234567890","minCount":1,"maxCount":1}]},"instanceType":"t3.micro","blockDeviceMapping":{},"monitoring":{"enabled":false},"disableApiTermination":false},"responseElements":{"requestId":"6f0b7c7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b","reservationId":"r-0123456789abcdef0","ownerId":"111122223333","instancesSet":{"items":[{"instanceId":"i-0123456789abcdef)" +
      std::to_string(i % 10) +
      R"(","imageId":"ami-0abcdef1234567890","instanceState":{"code":0,"name":"pending"}}]}},"requestID":"6f0b7c7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b","eventID":"c1d2e3f4-a5b6-47c8-9d0e-1f2a3b4c5d6e","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"ec2.us-east-1.amazonaws.com"}})";
  return record;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace trailbox::filter;
  size_t count = argc > 1 ? std::stoul(argv[1]) : 200'000;
  std::vector<Pattern> patterns;
  std::vector<ValueRef> values;
  for (const char* text : kPatterns) {
    CompileResult compiled = Compile(text);
    if (auto* error = std::get_if<SyntaxError>(&compiled)) {
      std::fprintf(stderr, "pattern does not compile: %s\n", error->message.c_str());
      return 1;
    }
    patterns.push_back(std::get<Pattern>(std::move(compiled)));
    values.push_back(std::get<ValueRef>(CompileValueRef("1", patterns.back())));
  }
  const char* calls[][3] = {{"ec2.amazonaws.com", "RunInstances", ""},
                            {"ec2.amazonaws.com", "DescribeInstances", ""},
                            {"s3.amazonaws.com", "GetObject", ""},
                            {"iam.amazonaws.com", "PutUserPolicy", ""},
                            {"ec2.amazonaws.com", "CreateRoute", ""},
                            {"ec2.amazonaws.com", "RunInstances", "Client.UnauthorizedOperation"},
                            {"kms.amazonaws.com", "Decrypt", ""},
                            {"sts.amazonaws.com", "AssumeRole", "AccessDenied"}};
  std::vector<std::string> records;
  size_t bytes = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto& call = calls[i % (sizeof(calls) / sizeof(calls[0]))];
    records.push_back(Record(i, call[0], call[1], call[2]));
    bytes += records.back().size();
  }
  Event event;
  size_t matches = 0;
  double value_sum = 0;
  auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < count; ++i) {
    event.Reset(records[i % records.size()]);
    for (size_t f = 0; f < patterns.size(); ++f) {
      if (!Matches(patterns[f], event)) continue;
      ++matches;
      MatchResult match;
      match.matched = true;
      value_sum += ExtractNumber(values[f], event, match).value_or(0);
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("filter throughput: %zu CloudTrail records (avg %zu bytes) x %zu JSON metric filters on one core\n",
              count, bytes / records.size(), patterns.size());
  std::printf("  %.0f records/s  (%.1f MB/s, %.2f us/record, %zu matches, value sum %.0f)\n", count / seconds,
              count * (bytes / static_cast<double>(records.size())) / seconds / 1e6, seconds * 1e6 / count, matches,
              value_sum);
  return 0;
}
