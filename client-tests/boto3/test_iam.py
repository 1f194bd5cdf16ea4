"""IAM through boto3: users, access keys that then sign requests, roles and trust policies, inline and managed
policies with versions, attachments, pagination, and IAM's errors by code and message."""
import json
import unittest


import support

TRUST_ACCOUNT = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "000000000000"}, "Action": "sts:AssumeRole"}],
}
READ_S3 = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}


class IamTest(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.iam = support.boto3_client("iam")

    def test_users_and_their_errors(self):
        user = self.iam.create_user(UserName="alice", Path="/ops/", Tags=[{"Key": "team", "Value": "ops"}])["User"]
        self.assertEqual(user["Arn"], "arn:aws:iam::000000000000:user/ops/alice")
        self.assertTrue(user["UserId"].startswith("AIDA"))
        self.assertEqual(self.iam.get_user(UserName="alice")["User"]["Tags"], [{"Key": "team", "Value": "ops"}])
        response = self.assert_error("EntityAlreadyExists", "User with name alice already exists.",
                                     self.iam.create_user, UserName="alice")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 409)
        response = self.assert_error("NoSuchEntity", "The user with name bob cannot be found.",
                                     self.iam.get_user, UserName="bob")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 404)
        self.iam.update_user(UserName="alice", NewUserName="alicia")
        self.assertEqual(self.iam.get_user(UserName="alicia")["User"]["Arn"],
                         "arn:aws:iam::000000000000:user/ops/alicia")
        self.iam.delete_user(UserName="alicia")
        self.assertEqual(self.iam.list_users()["Users"], [])

    def test_list_users_paginates(self):
        for name in ["u1", "u2", "u3", "u4", "u5"]:
            self.iam.create_user(UserName=name)
        pages = list(self.iam.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 2}))
        self.assertEqual([len(page["Users"]) for page in pages], [2, 2, 1])
        self.assertEqual([u["UserName"] for page in pages for u in page["Users"]], ["u1", "u2", "u3", "u4", "u5"])
        self.assertTrue(pages[0]["IsTruncated"])

    def test_access_keys_sign_as_their_user(self):
        self.iam.create_user(UserName="alice")
        key = self.iam.create_access_key(UserName="alice")["AccessKey"]
        self.assertTrue(key["AccessKeyId"].startswith("AKIA"))
        self.assertEqual(len(key["SecretAccessKey"]), 40)
        as_alice = support.boto3_client("iam", key["AccessKeyId"], key["SecretAccessKey"])
        self.assertEqual(as_alice.get_user()["User"]["UserName"], "alice")
        self.assertEqual(as_alice.list_access_keys()["AccessKeyMetadata"][0]["AccessKeyId"], key["AccessKeyId"])
        self.iam.create_access_key(UserName="alice")
        self.assert_error("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2",
                          self.iam.create_access_key, UserName="alice")
        self.assert_error("DeleteConflict", "Cannot delete entity, must delete access keys first.",
                          self.iam.delete_user, UserName="alice")

    def test_roles_and_trust_policy_validation(self):
        role = self.iam.create_role(RoleName="ops", AssumeRolePolicyDocument=json.dumps(TRUST_ACCOUNT),
                                    Description="operators")["Role"]
        self.assertEqual(role["Arn"], "arn:aws:iam::000000000000:role/ops")
        # botocore decodes the URL-encoded document IAM returns.
        self.assertEqual(role["AssumeRolePolicyDocument"], TRUST_ACCOUNT)
        got = self.iam.get_role(RoleName="ops")["Role"]
        self.assertEqual(got["MaxSessionDuration"], 3600)
        self.assertEqual(got["Description"], "operators")
        with_resource = dict(TRUST_ACCOUNT, Statement=[dict(TRUST_ACCOUNT["Statement"][0], Resource="*")])
        self.assert_error("MalformedPolicyDocument", "Has prohibited field Resource", self.iam.create_role,
                          RoleName="bad", AssumeRolePolicyDocument=json.dumps(with_resource))
        self.assert_error("MalformedPolicyDocument", "This policy contains invalid Json", self.iam.create_role,
                          RoleName="bad", AssumeRolePolicyDocument="{")
        self.assert_error("EntityAlreadyExists", "Role with name ops already exists.", self.iam.create_role,
                          RoleName="ops", AssumeRolePolicyDocument=json.dumps(TRUST_ACCOUNT))
        self.assert_error("NoSuchEntity", "The role with name nope cannot be found.", self.iam.get_role,
                          RoleName="nope")

    def test_inline_policies(self):
        self.iam.create_role(RoleName="ops", AssumeRolePolicyDocument=json.dumps(TRUST_ACCOUNT))
        self.iam.put_role_policy(RoleName="ops", PolicyName="read", PolicyDocument=json.dumps(READ_S3))
        self.assertEqual(self.iam.get_role_policy(RoleName="ops", PolicyName="read")["PolicyDocument"], READ_S3)
        self.assertEqual(self.iam.list_role_policies(RoleName="ops")["PolicyNames"], ["read"])
        with_principal = dict(READ_S3, Statement=[dict(READ_S3["Statement"][0], Principal="*")])
        self.assert_error("MalformedPolicyDocument", "Policy document should not specify a principal.",
                          self.iam.put_role_policy, RoleName="ops", PolicyName="p",
                          PolicyDocument=json.dumps(with_principal))
        self.assert_error("MalformedPolicyDocument", "Syntax errors in policy.", self.iam.put_role_policy,
                          RoleName="ops", PolicyName="p", PolicyDocument="not json")
        self.assert_error("DeleteConflict", "Cannot delete entity, must delete policies first.",
                          self.iam.delete_role, RoleName="ops")
        self.iam.delete_role_policy(RoleName="ops", PolicyName="read")
        self.assert_error("NoSuchEntity", "The role policy with name read cannot be found.",
                          self.iam.get_role_policy, RoleName="ops", PolicyName="read")
        self.iam.delete_role(RoleName="ops")

    def test_managed_policies_versions_and_attachments(self):
        arn = self.iam.create_policy(PolicyName="read-s3", PolicyDocument=json.dumps(READ_S3))["Policy"]["Arn"]
        self.assertEqual(arn, "arn:aws:iam::000000000000:policy/read-s3")
        for _ in range(4):
            self.iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(READ_S3))
        self.assert_error("LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new "
                          "version, you must delete an existing version.", self.iam.create_policy_version,
                          PolicyArn=arn, PolicyDocument=json.dumps(READ_S3))
        self.iam.set_default_policy_version(PolicyArn=arn, VersionId="v3")
        version = self.iam.get_policy_version(PolicyArn=arn, VersionId="v3")["PolicyVersion"]
        self.assertTrue(version["IsDefaultVersion"])
        self.assertEqual(version["Document"], READ_S3)
        self.assert_error("DeleteConflict", "Cannot delete the default version of a policy.",
                          self.iam.delete_policy_version, PolicyArn=arn, VersionId="v3")

        self.iam.create_user(UserName="alice")
        self.iam.attach_user_policy(UserName="alice", PolicyArn=arn)
        self.iam.attach_user_policy(UserName="alice", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
        attached = self.iam.list_attached_user_policies(UserName="alice")["AttachedPolicies"]
        self.assertEqual([p["PolicyName"] for p in attached], ["AdministratorAccess", "read-s3"])
        self.assertEqual(self.iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"], 1)
        local = self.iam.list_policies(Scope="Local", OnlyAttached=True)["Policies"]
        self.assertEqual([p["Arn"] for p in local], [arn])
        entities = self.iam.list_entities_for_policy(PolicyArn=arn)
        self.assertEqual([u["UserName"] for u in entities["PolicyUsers"]], ["alice"])
        self.assert_error("DeleteConflict", "Cannot delete a policy attached to entities.", self.iam.delete_policy,
                          PolicyArn=arn)
        self.assert_error("NoSuchEntity", "Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.",
                          self.iam.attach_user_policy, UserName="alice",
                          PolicyArn="arn:aws:iam::aws:policy/Nope")
        self.iam.detach_user_policy(UserName="alice", PolicyArn=arn)
        self.assert_error("DeleteConflict", "This policy has more than one version. Before you delete a policy, you "
                          "must delete the policy's versions. The default version is deleted with the policy.",
                          self.iam.delete_policy, PolicyArn=arn)


if __name__ == "__main__":
    unittest.main()
