"""Each wire protocol end to end through a real botocore client: STS natively speaks awsQuery; copies of its model
that list only awsJson1_0 or smithy-rpc-v2-cbor make botocore speak those, and trailbox must answer in kind."""
import json
import unittest

import boto3
import botocore.exceptions

import support

TRUST_ANY_IN_ACCOUNT = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"},
                   "Action": "sts:AssumeRole"}],
})


class ProtocolRoundTripTest(support.EmulatorTestCase):
    def sts_client(self, protocol, access_key="test", secret_key="test"):
        if protocol == "query":
            return support.boto3_client("sts", access_key, secret_key)
        if not support.botocore_supports(protocol):
            self.skipTest(f"this botocore cannot speak {protocol}")
        session = boto3.Session(botocore_session=support.protocol_variant_session("sts", protocol))
        return session.client("sts", endpoint_url=support.ENDPOINT, region_name=support.REGION,
                              aws_access_key_id=access_key, aws_secret_access_key=secret_key)

    def operator_keys(self):
        """An IAM user allowed to assume roles (root may not assume roles, as in AWS)."""
        iam = support.boto3_client("iam")
        iam.create_user(UserName="operator")
        iam.put_user_policy(UserName="operator", PolicyName="assume", PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}))
        key = iam.create_access_key(UserName="operator")["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"]

    def check_protocol(self, protocol):
        sts = self.sts_client(protocol)
        identity = sts.get_caller_identity()
        self.assertEqual(identity["Account"], "000000000000")
        self.assertEqual(identity["Arn"], "arn:aws:iam::000000000000:root")

        support.boto3_client("iam").create_role(RoleName="wire", AssumeRolePolicyDocument=TRUST_ANY_IN_ACCOUNT)
        sts = self.sts_client(protocol, *self.operator_keys())
        self.assertEqual(sts.get_caller_identity()["Arn"], "arn:aws:iam::000000000000:user/operator")
        assumed = sts.assume_role(RoleArn="arn:aws:iam::000000000000:role/wire", RoleSessionName="s1")
        self.assertTrue(assumed["Credentials"]["AccessKeyId"].startswith("ASIA"))
        # A timestamp survives the protocol's encoding.
        self.assertGreater(assumed["Credentials"]["Expiration"].year, 2000)

        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            sts.assume_role(RoleArn="arn:aws:iam::000000000000:role/missing", RoleSessionName="s1")
        self.assertEqual(caught.exception.response["Error"]["Code"], "AccessDenied")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)

    def test_aws_query(self):
        self.check_protocol("query")

    def test_aws_json_1_0(self):
        self.check_protocol("json")

    def test_smithy_rpc_v2_cbor(self):
        self.check_protocol("smithy-rpc-v2-cbor")


if __name__ == "__main__":
    unittest.main()
