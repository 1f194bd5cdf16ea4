"""POST /_trailbox/events: records no API call can make here (ConsoleLogin) enter the event history with missing
ids and times filled in, one record or a list; bad bodies answer 400."""
import json
import unittest

import support

LOGIN = {
    "eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin", "eventType": "AwsConsoleSignIn",
    "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "arn": "arn:aws:iam::000000000000:user/alice",
                     "accountId": "000000000000", "userName": "alice"},
    "responseElements": {"ConsoleLogin": "Success"}, "readOnly": False,
}


class InjectedEventsTest(support.EmulatorTestCase):
    def test_inject_and_find(self):
        status, body = support.admin("POST", "events", LOGIN)
        self.assertEqual(status, 200, body)
        stored = body["events"][0]
        self.assertEqual(len(stored["eventID"]), 36)
        self.assertRegex(stored["eventTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(stored["recipientAccountId"], "000000000000")
        status, body = support.admin("POST", "events", [dict(LOGIN, eventName="ConsoleLogin"), LOGIN])
        self.assertEqual((status, len(body["events"])), (200, 2))
        events = support.boto3_client("cloudtrail").lookup_events(
            LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "ConsoleLogin"}])["Events"]
        self.assertEqual(len(events), 3)
        self.assertEqual(events[0]["Username"], "alice")
        self.assertEqual(json.loads(events[-1]["CloudTrailEvent"])["eventID"], stored["eventID"])

    def test_bad_bodies(self):
        status, body = support.admin("POST", "events", {"eventName": "X"})
        self.assertEqual(status, 400)
        self.assertIn("eventSource", body["error"])
        status, _, _ = support.raw_request("POST", "/_trailbox/events", body="not json")
        self.assertEqual(status, 400)


if __name__ == "__main__":
    unittest.main()
