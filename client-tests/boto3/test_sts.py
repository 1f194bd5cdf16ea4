"""STS through boto3: who the caller is for root, users and role sessions; AssumeRole's trust evaluation,
durations and errors; GetSessionToken; and credentials that sign later requests."""
import json
import unittest


import support


def trust(principal):
    return json.dumps({"Version": "2012-10-17",
                       "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]})


class StsTest(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.iam = support.boto3_client("iam")
        self.iam.create_user(UserName="alice")
        key = self.iam.create_access_key(UserName="alice")["AccessKey"]
        self.alice = support.boto3_client("sts", key["AccessKeyId"], key["SecretAccessKey"])
        self.role_arn = self.iam.create_role(RoleName="ops", AssumeRolePolicyDocument=trust({"AWS": "000000000000"}),
                                             MaxSessionDuration=7200)["Role"]["Arn"]

    def test_get_caller_identity(self):
        root = support.boto3_client("sts").get_caller_identity()
        self.assertEqual((root["Account"], root["UserId"], root["Arn"]),
                         ("000000000000", "000000000000", "arn:aws:iam::000000000000:root"))
        self.assertEqual(support.boto3_client("sts", "111122223333").get_caller_identity()["Account"], "111122223333")
        user = self.alice.get_caller_identity()
        self.assertEqual(user["Arn"], "arn:aws:iam::000000000000:user/alice")
        self.assertTrue(user["UserId"].startswith("AIDA"))

    def test_assumed_role_session_signs_requests(self):
        assumed = self.alice.assume_role(RoleArn=self.role_arn, RoleSessionName="deploy", DurationSeconds=7200)
        credentials = assumed["Credentials"]
        self.assertTrue(credentials["AccessKeyId"].startswith("ASIA"))
        self.assertEqual(assumed["AssumedRoleUser"]["Arn"], "arn:aws:sts::000000000000:assumed-role/ops/deploy")
        role_id = self.iam.get_role(RoleName="ops")["Role"]["RoleId"]
        self.assertEqual(assumed["AssumedRoleUser"]["AssumedRoleId"], role_id + ":deploy")
        session = support.boto3_client("sts", credentials["AccessKeyId"], credentials["SecretAccessKey"],
                                       credentials["SessionToken"])
        identity = session.get_caller_identity()
        self.assertEqual(identity["Arn"], "arn:aws:sts::000000000000:assumed-role/ops/deploy")
        self.assertEqual(identity["UserId"], role_id + ":deploy")
        self.assert_error("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for "
                          "roles assumed by role chaining.", session.assume_role, RoleArn=self.role_arn,
                          RoleSessionName="again", DurationSeconds=7200)
        self.assert_error("AccessDenied", "Cannot call GetSessionToken with session credentials",
                          session.get_session_token)

    def test_assume_role_denials(self):
        response = self.assert_error(
            "AccessDenied", "Roles may not be assumed by root accounts.", support.boto3_client("sts").assume_role,
            RoleArn=self.role_arn, RoleSessionName="xx")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assert_error("AccessDenied", "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: "
                          "sts:AssumeRole on resource: arn:aws:iam::000000000000:role/missing",
                          self.alice.assume_role, RoleArn="arn:aws:iam::000000000000:role/missing",
                          RoleSessionName="xx")
        self.assert_error("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for "
                          "this role.", self.alice.assume_role, RoleArn=self.role_arn, RoleSessionName="xx",
                          DurationSeconds=7201)
        self.iam.update_assume_role_policy(RoleName="ops", PolicyDocument=trust({"Service": "ec2.amazonaws.com"}))
        self.assert_error("AccessDenied", "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: "
                          f"sts:AssumeRole on resource: {self.role_arn}", self.alice.assume_role,
                          RoleArn=self.role_arn, RoleSessionName="xx")

    def test_get_session_token(self):
        credentials = self.alice.get_session_token(DurationSeconds=900)["Credentials"]
        self.assertTrue(credentials["AccessKeyId"].startswith("ASIA"))
        session = support.boto3_client("sts", credentials["AccessKeyId"], credentials["SecretAccessKey"],
                                       credentials["SessionToken"])
        self.assertEqual(session.get_caller_identity()["Arn"], "arn:aws:iam::000000000000:user/alice")


if __name__ == "__main__":
    unittest.main()
