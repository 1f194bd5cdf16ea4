"""Bad input on every protocol: each answers the protocol's own error with a 4xx, and changes no state."""
import json
import unittest

import support

JSON_11 = {"Content-Type": "application/x-amz-json-1.1"}
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
SIGNED_IAM = {"Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, "
                               "SignedHeaders=host, Signature=00"}


def iam_query(body):
    return support.raw_request("POST", "/", body=body, headers={**FORM, **SIGNED_IAM})


class BadInputTest(support.EmulatorTestCase):
    def assert_no_users(self):
        status, _, body = iam_query("Action=ListUsers&Version=2010-05-08")
        self.assertEqual(status, 200)
        self.assertNotIn(b"<member>", body)

    def test_malformed_json_is_serialization_exception(self):
        status, headers, body = support.raw_request(
            "POST", "/", body=b'{"logGroupName": ', headers={**JSON_11, "X-Amz-Target": "Logs_20140328.CreateLogGroup"})
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["__type"], "SerializationException")
        self.assertEqual(headers["x-amzn-errortype"].split(":")[0], "SerializationException")

    def test_unknown_target_is_unknown_operation(self):
        status, _, body = support.raw_request(
            "POST", "/", body=b"{}", headers={**JSON_11, "X-Amz-Target": "Logs_20140328.MakeCoffee"})
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["__type"], "UnknownOperationException")

    def test_malformed_cbor_is_serialization_exception(self):
        status, _, body = support.raw_request(
            "POST", "/service/GraniteServiceVersion20100801/operation/PutMetricData", body=b"\xbf\x61",
            headers={"smithy-protocol": "rpc-v2-cbor", "Content-Type": "application/cbor",
                     "Accept": "application/cbor"})
        self.assertEqual(status, 400)
        self.assertIn(b"SerializationException", body)

    def test_malformed_form_body_is_a_query_error(self):
        status, _, body = iam_query("Action=CreateUser&Version=2010-05-08&UserName=%ZZbad&=&&%")
        self.assertGreaterEqual(status, 400)
        self.assertLess(status, 500)
        self.assertIn(b"<ErrorResponse", body)
        self.assert_no_users()

    def test_missing_required_member_is_validation_error(self):
        status, _, body = iam_query("Action=CreateRole&Version=2010-05-08&RoleName=r1")
        self.assertEqual(status, 400)
        self.assertIn(b"<Code>ValidationError</Code>", body)
        self.assertIn(b"Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: "
                      b"Member must not be null", body)

    def test_wrong_type_is_a_400(self):
        status, _, body = iam_query("Action=ListUsers&Version=2010-05-08&MaxItems=lots")
        self.assertEqual(status, 400)
        self.assertIn(b"<ErrorResponse", body)

    def test_constraint_violation_changes_nothing(self):
        status, _, body = iam_query("Action=CreateUser&Version=2010-05-08&UserName=" + "u" * 65)
        self.assertEqual(status, 400)
        self.assertIn(b"Member must have length less than or equal to 64", body)
        self.assert_no_users()

    def test_unknown_query_action(self):
        status, _, body = iam_query("Action=MakeCoffee&Version=2010-05-08")
        self.assertEqual(status, 400)
        self.assertIn(b"<Code>InvalidAction</Code>", body)

    def test_oversized_body_is_413_in_the_protocol(self):
        # Only the header is sent: the server must answer from the declared length, before reading any body.
        with support.open_socket() as connection:
            connection.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\n"
                               b"Content-Type: application/x-www-form-urlencoded\r\n"
                               b"Authorization: " + SIGNED_IAM["Authorization"].encode() + b"\r\n"
                               b"Content-Length: " + str(600 * 1024 * 1024).encode() + b"\r\n\r\n")
            answer = support.read_until(connection, b"</ErrorResponse>")
        self.assertTrue(answer.startswith(b"HTTP/1.1 413"), answer[:100])
        self.assertIn(b"RequestEntityTooLarge", answer)

    def test_model_operation_not_implemented_names_it(self):
        status, _, body = iam_query("Action=CreateGroup&Version=2010-05-08&GroupName=g")
        self.assertEqual(status, 501)
        self.assertIn(b"<Code>NotImplemented</Code>", body)
        self.assertIn(b"CreateGroup", body)


if __name__ == "__main__":
    unittest.main()
