"""Prepares a freshly started moto server for the end-to-end tests, then turns its checks on.

Usage: python3 moto_setup.py ENDPOINT_URL

The server must have been started with INITIAL_NO_AUTH_ACTION_COUNT unlimited (moto's
default), so that the calls made here are not checked. This script

1. creates the IAM user the tests sign as, an allow-all inline policy and an access key;
2. creates the fixtures the tests read (see FIXTURES);
3. posts 0 to /moto-api/reset-auth: from then on every call must carry a valid SigV4
   signature by a known access key, whose policies allow the action;
4. checks that this took: a call signed with the new key succeeds, the same call signed with
   a wrong secret is refused with 403 SignatureDoesNotMatch;
5. prints one JSON object on stdout: the key, the region, the account and the fixtures.

Any failure exits non-zero with the reason on stderr.
"""

import json
import sys
import urllib.request

import boto3
import botocore.config
import botocore.exceptions

REGION = "us-east-1"
# moto's default account: every resource below lives there.
ACCOUNT_ID = "123456789012"
USER = "e2e-tests"

FIXTURES = {
    # QuickSight ingestions run on a data set (moto 5 does not check that it exists, AWS does).
    "quicksight_data_set_id": "e2e-data-set",
    "quicksight_group": "e2e-group",
    "sqs_queue": "e2e-fixture",
    "sqs_message_body": "hello from boto3",
    "log_group": "e2e-fixture",
}

ALLOW_ALL = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def client(url, service, key_id, secret):
    # No retries: a refused call must show at once, not after back-off.
    config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=config,
    )


def main(url):
    # Unchecked calls: any key will do while the allowance lasts.
    setup = lambda service: client(url, service, "e2e-setup", "e2e-setup")
    iam = setup("iam")
    iam.create_user(UserName=USER)
    iam.put_user_policy(UserName=USER, PolicyName="allow-all", PolicyDocument=json.dumps(ALLOW_ALL))
    key = iam.create_access_key(UserName=USER)["AccessKey"]

    quicksight = setup("quicksight")
    quicksight.create_data_set(
        AwsAccountId=ACCOUNT_ID,
        DataSetId=FIXTURES["quicksight_data_set_id"],
        Name=FIXTURES["quicksight_data_set_id"],
        PhysicalTableMap={},
        ImportMode="SPICE",
    )
    quicksight.create_group(AwsAccountId=ACCOUNT_ID, Namespace="default", GroupName=FIXTURES["quicksight_group"])
    sqs = setup("sqs")
    queue_url = sqs.create_queue(QueueName=FIXTURES["sqs_queue"])["QueueUrl"]
    sqs.send_message(QueueUrl=queue_url, MessageBody=FIXTURES["sqs_message_body"])
    setup("logs").create_log_group(logGroupName=FIXTURES["log_group"])

    # moto reads the body as the new allowance; a form content type would hide the body from it.
    request = urllib.request.Request(
        url + "/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()

    key_id, secret = key["AccessKeyId"], key["SecretAccessKey"]
    groups = client(url, "logs", key_id, secret).describe_log_groups(logGroupNamePrefix=FIXTURES["log_group"])
    if [g["logGroupName"] for g in groups["logGroups"]] != [FIXTURES["log_group"]]:
        raise SystemExit(f"the signed check call did not list the fixture log group: {groups['logGroups']}")
    try:
        client(url, "logs", key_id, "not-" + secret).describe_log_groups()
    except botocore.exceptions.ClientError as e:
        status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        # moto answers auth failures with an XML body botocore cannot read as JSON: the code
        # is then in the message.
        text = str(e.response.get("Error", {}))
        if status != 403 or "SignatureDoesNotMatch" not in text:
            raise SystemExit(f"a wrong secret was refused, but not as expected: status {status}, {text}")
    else:
        raise SystemExit("moto accepted a call signed with a wrong secret: its signature checks are off")

    json.dump(
        {
            "access_key_id": key_id,
            "secret_access_key": secret,
            "region": REGION,
            "account_id": ACCOUNT_ID,
            "fixtures": FIXTURES,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python3 moto_setup.py ENDPOINT_URL")
    main(sys.argv[1])
