"""Admin endpoints under /_trailbox/: health, clock (virtual and real modes), reset."""
import unittest

import support
from server_process import ServerProcess


class AdminTest(support.EmulatorTestCase):
    def test_health_names_version_services_and_clock(self):
        status, body = support.admin("GET", "health")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "ok")
        self.assertRegex(body["version"], r"^\d+\.\d+\.\d+$")
        self.assertIn("iam", body["services"])
        self.assertIn("sts", body["services"])
        self.assertEqual(body["clock"]["mode"], "virtual")

    def test_virtual_clock_advances_and_sets(self):
        _, before = support.admin("GET", "clock")
        status, after = support.admin("POST", "clock", {"advance": "5m"})
        self.assertEqual(status, 200)
        self.assertEqual(after["epoch_millis"] - before["epoch_millis"], 300_000)
        status, body = support.admin("POST", "clock", {"set": "2026-01-01T00:00:00Z"})
        self.assertEqual(status, 200)
        self.assertEqual(body["now"], "2026-01-01T00:00:00.000Z")

    def test_bad_clock_requests_are_400(self):
        for body in ({"advance": "five minutes"}, {"set": "yesterday"}, {"jump": "5m"}, ["5m"]):
            status, answer = support.admin("POST", "clock", body)
            self.assertEqual(status, 400, body)
            self.assertIn("error", answer)

    def test_unknown_admin_endpoint_is_404(self):
        status, body = support.admin("GET", "nothing-here")
        self.assertEqual(status, 404)
        self.assertIn("error", body)

    def test_reset_empties_state(self):
        iam = support.boto3_client("iam")
        iam.create_user(UserName="before-reset")
        support.reset()
        self.assertEqual(iam.list_users()["Users"], [])


class RealClockTest(unittest.TestCase):
    """A second server in real-clock mode: the clock cannot be moved."""

    def test_moving_a_real_clock_is_a_clear_400(self):
        with ServerProcess("--ephemeral") as server:
            endpoint, support.ENDPOINT = support.ENDPOINT, server.endpoint
            try:
                status, body = support.admin("POST", "clock", {"advance": "5m"})
                self.assertEqual(status, 400)
                self.assertIn("--clock virtual", body["error"])
                status, body = support.admin("GET", "clock")
                self.assertEqual(body["mode"], "real")
            finally:
                support.ENDPOINT = endpoint
            self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main()
