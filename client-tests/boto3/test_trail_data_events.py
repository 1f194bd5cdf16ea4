"""CloudTrail data events through boto3: basic DataResources and advanced selectors choose which S3 object calls a
trail delivers; data events never appear in the event history (LookupEvents)."""
import unittest

from test_trails import BUCKET, TRAIL, TrailTestCase

DATA_BUCKET = "data-bucket"


class DataEventsTest(TrailTestCase):
    def setUp(self):
        super().setUp()
        self.make_bucket()
        self.s3.create_bucket(Bucket=DATA_BUCKET)
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)

    def delivered(self):
        self.flush()
        return [record for key in self.log_files() for record in self.records(key)]

    def s3_traffic(self):
        for key in ("uploads/a.txt", "other/b.txt"):
            self.s3.put_object(Bucket=DATA_BUCKET, Key=key, Body=b"data")
            self.s3.get_object(Bucket=DATA_BUCKET, Key=key)["Body"].read()

    def data_events(self, records):
        return [(r["eventName"], r["requestParameters"]["key"]) for r in records
                if r["eventSource"] == "s3.amazonaws.com" and not r["managementEvent"]]

    def test_basic_data_resources_pick_objects_and_direction(self):
        self.cloudtrail.put_event_selectors(TrailName=TRAIL, EventSelectors=[
            {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True,
             "DataResources": [{"Type": "AWS::S3::Object", "Values": [f"arn:aws:s3:::{DATA_BUCKET}/uploads/"]}]}])
        selectors = self.cloudtrail.get_event_selectors(TrailName=TRAIL)["EventSelectors"]
        self.assertEqual(selectors[0]["DataResources"],
                         [{"Type": "AWS::S3::Object", "Values": [f"arn:aws:s3:::{DATA_BUCKET}/uploads/"]}])
        self.cloudtrail.start_logging(Name=TRAIL)
        self.s3_traffic()
        records = self.delivered()
        self.assertEqual(self.data_events(records), [("PutObject", "uploads/a.txt")])
        put = next(r for r in records if r["eventName"] == "PutObject")
        self.assertEqual(put["eventCategory"], "Data")
        self.assertFalse(put["readOnly"])
        self.assertEqual(put["requestParameters"]["bucketName"], DATA_BUCKET)
        self.assertEqual(put["resources"], [
            {"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::{DATA_BUCKET}/uploads/a.txt"},
            {"accountId": "000000000000", "type": "AWS::S3::Bucket", "ARN": f"arn:aws:s3:::{DATA_BUCKET}"}])
        self.assertIn("StartLogging", [r["eventName"] for r in records])  # management writes still delivered
        looked_up = self.cloudtrail.lookup_events(
            LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "PutObject"}])["Events"]
        self.assertEqual(looked_up, [])

    def test_every_bucket_without_management_events(self):
        self.cloudtrail.put_event_selectors(TrailName=TRAIL, EventSelectors=[
            {"ReadWriteType": "All", "IncludeManagementEvents": False,
             "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
        self.cloudtrail.start_logging(Name=TRAIL)
        self.s3_traffic()
        records = self.delivered()
        self.assertEqual(sorted(self.data_events(records)), [
            ("GetObject", "other/b.txt"), ("GetObject", "uploads/a.txt"),
            ("PutObject", "other/b.txt"), ("PutObject", "uploads/a.txt")])
        self.assertTrue(all(not r["managementEvent"] for r in records))

    def test_advanced_selectors(self):
        self.cloudtrail.put_event_selectors(TrailName=TRAIL, AdvancedEventSelectors=[
            {"Name": "reads outside uploads/", "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                {"Field": "resources.ARN", "StartsWith": [f"arn:aws:s3:::{DATA_BUCKET}/"],
                 "NotStartsWith": [f"arn:aws:s3:::{DATA_BUCKET}/uploads/"]},
                {"Field": "readOnly", "Equals": ["true"]}]}])
        self.cloudtrail.start_logging(Name=TRAIL)
        self.s3_traffic()
        records = self.delivered()
        self.assertEqual(self.data_events(records), [("GetObject", "other/b.txt")])
        self.assertNotIn("StartLogging", [r["eventName"] for r in records])  # no management selector

    def test_invalid_data_selectors(self):
        put = self.cloudtrail.put_event_selectors
        self.assert_error(put, "InvalidEventSelectorsException",
                          f"Value arn:aws:s3:::{DATA_BUCKET} for DataResources.Values is invalid.",
                          TrailName=TRAIL, EventSelectors=[{"DataResources": [
                              {"Type": "AWS::S3::Object", "Values": [f"arn:aws:s3:::{DATA_BUCKET}"]}]}])
        self.assert_error(put, "InvalidEventSelectorsException", "Value arn:aws:s3:::* for DataResources.Values "
                          "is invalid.", TrailName=TRAIL, EventSelectors=[{"DataResources": [
                              {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::*"]}]}])
        self.assert_error(put, "InvalidEventSelectorsException", TrailName=TRAIL, AdvancedEventSelectors=[
            {"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}]}])
        selectors = self.cloudtrail.get_event_selectors(TrailName=TRAIL)["EventSelectors"]
        self.assertEqual(selectors[0]["DataResources"], [])  # unchanged


if __name__ == "__main__":
    unittest.main()
