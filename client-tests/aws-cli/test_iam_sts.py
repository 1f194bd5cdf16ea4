"""IAM and STS through the AWS CLI v1 and v2: a user with access keys, a role assumed with them, the session's
identity, policy documents from files, and IAM's and STS's errors as the CLI prints them."""
import json
import os
import tempfile
import unittest

import support

TRUST = {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"AWS": "000000000000"}, "Action": "sts:AssumeRole"}]}
LOGS = {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}


def policy_file(document):
    handle, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(handle, "w") as f:
        f.write(document if isinstance(document, str) else json.dumps(document, indent=2))
    return "file://" + path


class IamStsCliTest(support.CliTestCase):
    def test_user_keys_assume_a_role(self):
        def check(aws):
            user = support.run_cli(aws, "iam", "create-user", "--user-name", "alice")["User"]
            self.assertEqual(user["Arn"], "arn:aws:iam::000000000000:user/alice")
            key = support.run_cli(aws, "iam", "create-access-key", "--user-name", "alice")["AccessKey"]
            as_alice = {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}
            identity = support.run_cli(aws, "sts", "get-caller-identity", env_extra=as_alice)
            self.assertEqual(identity["Arn"], "arn:aws:iam::000000000000:user/alice")

            role = support.run_cli(aws, "iam", "create-role", "--role-name", "ops", "--path", "/team/",
                                   "--assume-role-policy-document", policy_file(TRUST))["Role"]
            self.assertEqual(role["AssumeRolePolicyDocument"], TRUST)
            assumed = support.run_cli(aws, "sts", "assume-role", "--role-arn", role["Arn"],
                                      "--role-session-name", "cli", env_extra=as_alice)
            credentials = assumed["Credentials"]
            self.assertTrue(credentials["AccessKeyId"].startswith("ASIA"))
            as_session = {"AWS_ACCESS_KEY_ID": credentials["AccessKeyId"],
                          "AWS_SECRET_ACCESS_KEY": credentials["SecretAccessKey"],
                          "AWS_SESSION_TOKEN": credentials["SessionToken"]}
            session = support.run_cli(aws, "sts", "get-caller-identity", env_extra=as_session)
            self.assertEqual(session["Arn"], "arn:aws:sts::000000000000:assumed-role/ops/cli")
            self.assertEqual(session["UserId"], role["RoleId"] + ":cli")
            self.assert_cli_error(
                aws, "An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be "
                "assumed by root accounts.", "sts", "assume-role", "--role-arn", role["Arn"],
                "--role-session-name", "root")
        self.for_each_cli(check)

    def test_policies_from_files_and_errors(self):
        def check(aws):
            self.assert_cli_error(aws, "An error occurred (NoSuchEntity) when calling the GetUser operation: The "
                                  "user with name bob cannot be found.", "iam", "get-user", "--user-name", "bob")
            support.run_cli(aws, "iam", "create-role", "--role-name", "trail",
                            "--assume-role-policy-document", policy_file(TRUST))
            support.run_cli(aws, "iam", "put-role-policy", "--role-name", "trail", "--policy-name", "logs",
                            "--policy-document", policy_file(LOGS))
            document = support.run_cli(aws, "iam", "get-role-policy", "--role-name", "trail",
                                       "--policy-name", "logs")["PolicyDocument"]
            self.assertEqual(document, LOGS)
            no_resource = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*"}]}
            self.assert_cli_error(aws, "An error occurred (MalformedPolicyDocument) when calling the PutRolePolicy "
                                  "operation: Policy statement must contain resources.", "iam", "put-role-policy",
                                  "--role-name", "trail", "--policy-name", "bad",
                                  "--policy-document", policy_file(no_resource))
            self.assert_cli_error(aws, "An error occurred (MalformedPolicyDocument) when calling the "
                                  "UpdateAssumeRolePolicy operation: Has prohibited field Resource", "iam",
                                  "update-assume-role-policy", "--role-name", "trail", "--policy-document",
                                  policy_file(dict(TRUST, Statement=[dict(TRUST["Statement"][0], Resource="*")])))
            aws_policies = support.run_cli(aws, "iam", "list-policies", "--scope", "AWS")["Policies"]
            self.assertIn("AdministratorAccess", [p["PolicyName"] for p in aws_policies])
            self.assert_cli_error(aws, "An error occurred (DeleteConflict) when calling the DeleteRole operation: "
                                  "Cannot delete entity, must delete policies first.", "iam", "delete-role",
                                  "--role-name", "trail")
        self.for_each_cli(check)


if __name__ == "__main__":
    unittest.main()
