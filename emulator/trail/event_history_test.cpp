// Event history: injected records, lookups by each attribute, newest first, pages, 90-day expiry on the clock.
#include "trail/event_history.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "store/database.hpp"
#include "trail/recorder.hpp"

namespace trailbox::trail {
namespace {

constexpr double kStart = 1767225600;  // 2026-01-01T00:00:00Z

class EventHistory : public ::testing::Test {
 protected:
  EventHistory() : db_(":memory:") {}

  Json Inject(Json record, double at) {
    store::Transaction transaction(db_);
    Json stored = InjectRecord(db_, std::move(record), at);
    transaction.Commit();
    return stored;
  }

  static Json ConsoleLogin(const std::string& user) {
    return {{"eventSource", "signin.amazonaws.com"},
            {"eventName", "ConsoleLogin"},
            {"eventType", "AwsConsoleSignIn"},
            {"userIdentity",
             {{"type", "IAMUser"},
              {"principalId", "AIDAEXAMPLE"},
              {"arn", "arn:aws:iam::111122223333:user/" + user},
              {"accountId", "111122223333"},
              {"userName", user}}},
            {"readOnly", false},
            {"resources", Json::array({{{"ARN", "arn:aws:iam::111122223333:user/" + user},
                                        {"accountId", "111122223333"},
                                        {"type", "AWS::IAM::User"}}})}};
  }

  LookupQuery Query() const {
    LookupQuery query;
    query.account_id = "111122223333";
    query.region = "us-east-1";
    query.start_time = kStart - 100 * 86400.0;
    query.end_time = kStart + 100 * 86400.0;
    return query;
  }

  store::Database db_;
};

TEST_F(EventHistory, InjectionFillsIdsAndTimes) {
  Json stored = Inject(ConsoleLogin("alice"), kStart);
  EXPECT_EQ(stored["eventTime"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(stored["eventID"].get<std::string>().size(), 36u);
  EXPECT_EQ(stored["recipientAccountId"], "111122223333");
  EXPECT_EQ(stored["awsRegion"], "us-east-1");
  EXPECT_FALSE(stored.contains("requestID"));
  EXPECT_THROW(InjectRecord(db_, Json::array(), kStart), std::invalid_argument);
  EXPECT_THROW(InjectRecord(db_, {{"eventName", "X"}}, kStart), std::invalid_argument);
}

TEST_F(EventHistory, LooksUpByEachAttributeNewestFirst) {
  Json first = Inject(ConsoleLogin("alice"), kStart);
  Json second = Inject(ConsoleLogin("bob"), kStart + 60);
  LookupQuery query = Query();
  LookupPage page = *LookupHistory(db_, query);
  ASSERT_EQ(page.events.size(), 2u);
  EXPECT_EQ(page.events[0]["EventId"], second["eventID"]);
  EXPECT_EQ(page.events[0]["Username"], "bob");
  EXPECT_EQ(page.events[0]["ReadOnly"], "false");
  EXPECT_EQ(page.events[0]["EventTime"], kStart + 60);
  EXPECT_EQ(page.events[0]["Resources"],
            Json::parse(R"([{"ResourceType":"AWS::IAM::User","ResourceName":"arn:aws:iam::111122223333:user/bob"}])"));
  EXPECT_EQ(Json::parse(page.events[0]["CloudTrailEvent"].get<std::string>()), second);

  const std::pair<LookupKey, std::string> single[] = {
      {LookupKey::kEventId, first["eventID"]}, {LookupKey::kUsername, "alice"},
      {LookupKey::kResourceName, "arn:aws:iam::111122223333:user/alice"}};
  for (const auto& attribute : single) {
    query.attribute = attribute;
    page = *LookupHistory(db_, query);
    ASSERT_EQ(page.events.size(), 1u);
    EXPECT_EQ(page.events[0]["EventId"], first["eventID"]);
  }
  const std::pair<LookupKey, std::string> both[] = {{LookupKey::kEventName, "ConsoleLogin"},
                                                    {LookupKey::kReadOnly, "false"},
                                                    {LookupKey::kEventSource, "signin.amazonaws.com"},
                                                    {LookupKey::kResourceType, "AWS::IAM::User"}};
  for (const auto& attribute : both) {
    query.attribute = attribute;
    EXPECT_EQ(LookupHistory(db_, query)->events.size(), 2u);
  }
  query.attribute = {LookupKey::kReadOnly, "true"};
  EXPECT_TRUE(LookupHistory(db_, query)->events.empty());
}

TEST_F(EventHistory, TimeRangeIsInclusive) {
  Inject(ConsoleLogin("alice"), kStart);
  LookupQuery query = Query();
  query.start_time = kStart;
  query.end_time = kStart;
  EXPECT_EQ(LookupHistory(db_, query)->events.size(), 1u);
  query.start_time = kStart + 1;
  query.end_time = kStart + 10;
  EXPECT_TRUE(LookupHistory(db_, query)->events.empty());
}

TEST_F(EventHistory, PagesResumeWhereTheyStopped) {
  for (int i = 0; i < 5; ++i) Inject(ConsoleLogin("user" + std::to_string(i)), kStart + (i / 2));
  LookupQuery query = Query();
  query.limit = 2;
  std::vector<std::string> users;
  for (int pages = 0; pages < 3; ++pages) {
    LookupPage page = *LookupHistory(db_, query);
    for (const Json& event : page.events) users.push_back(event["Username"]);
    EXPECT_EQ(page.next_token.has_value(), pages < 2);
    query.next_token = page.next_token;
  }
  EXPECT_EQ(users, (std::vector<std::string>{"user4", "user3", "user2", "user1", "user0"}));
  query.next_token = "not-a-token";
  EXPECT_FALSE(LookupHistory(db_, query).has_value());
}

TEST_F(EventHistory, EventsExpireAfterNinetyDays) {
  Inject(ConsoleLogin("old"), kStart);
  Inject(ConsoleLogin("new"), kStart + 91 * 86400.0);
  auto count = db_.Prepare("SELECT COUNT(*) FROM trail_event_history");
  count.Step();
  EXPECT_EQ(count.Int(0), 1);
}

TEST_F(EventHistory, DataEventsStayOutOfTheHistory) {
  Json record = ConsoleLogin("x");
  record["managementEvent"] = false;
  record["eventCategory"] = "Data";
  Inject(record, kStart);
  EXPECT_TRUE(LookupHistory(db_, Query())->events.empty());
}

}  // namespace
}  // namespace trailbox::trail
