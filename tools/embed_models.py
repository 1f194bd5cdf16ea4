#!/usr/bin/env python3
"""Trims botocore service models to the operations trailbox implements and embeds them in a C++ source file.

The implemented operations are read from the service sources: every line of the form
    table.Add("OperationName", Handler);
under emulator/services/<service-folder>/ registers one. Operations a service does not register keep only their
name (so calling one answers a clear not-implemented error); shapes no kept operation reaches are dropped.
tools/model_patches.json corrects or extends models as data, each patch with its reason.
"""
import argparse
import glob
import gzip
import json
import os
import re
import sys

# botocore folder name -> trailbox service source folder.
SOURCE_FOLDER = {"cloudwatch": "cloudwatch", "logs": "logs", "cloudtrail": "cloudtrail", "sts": "sts",
                 "iam": "iam", "ec2": "ec2", "s3": "s3", "sns": "sns"}
REGISTRATION = re.compile(r'\.Add\(\s*"([A-Za-z0-9]+)"')


def load_model(botocore_dir, service):
    candidates = sorted(glob.glob(os.path.join(botocore_dir, service, "*", "service-2.json*")))
    if not candidates:
        sys.exit(f"embed_models: no model for {service} under {botocore_dir}")
    path = candidates[-1]  # the newest API version
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def registered_operations(sources_dir, service):
    folder = os.path.join(sources_dir, SOURCE_FOLDER.get(service, service))
    names = set()
    for path in glob.glob(os.path.join(folder, "*.cpp")):
        if path.endswith("_test.cpp"):
            continue
        with open(path, encoding="utf-8") as f:
            names.update(REGISTRATION.findall(f.read()))
    return names


def reachable_shapes(model, roots):
    shapes = model["shapes"]
    seen = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen or name not in shapes:
            continue
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            stack.append(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                stack.append(shape[key]["shape"])
    return seen


def apply_patches(model, patches):
    for patch in patches:
        target = model
        path = patch["path"]
        for part in path[:-1]:
            target = target.setdefault(part, {})
        if patch.get("delete"):
            target.pop(path[-1], None)
        else:
            target[path[-1]] = patch["value"]


def trim(model, implemented):
    operations = model["operations"]
    roots = []
    kept = {}
    for name, operation in operations.items():
        if name in implemented:
            kept[name] = operation
            for key in ("input", "output"):
                if key in operation:
                    roots.append(operation[key]["shape"])
            roots.extend(error["shape"] for error in operation.get("errors", []))
        else:
            # The name and HTTP binding stay, so a call is recognised (REST-XML matches by URI) and answered
            # with a clear not-implemented error.
            kept[name] = {"name": name, "notImplemented": True}
            if "http" in operation:
                kept[name]["http"] = operation["http"]
    # Every exception shape stays: handlers may raise any modelled error, and errors are small.
    roots.extend(name for name, shape in model["shapes"].items() if shape.get("exception"))
    keep = reachable_shapes(model, roots)
    for shape in model["shapes"].values():
        shape.pop("documentation", None)
        for member in shape.get("members", {}).values():
            member.pop("documentation", None)
    for operation in kept.values():
        operation.pop("documentation", None)
        operation.pop("documentationUrl", None)
    return {
        "version": model.get("version", "2.0"),
        "metadata": model["metadata"],
        "operations": kept,
        "shapes": {name: shape for name, shape in model["shapes"].items() if name in keep},
    }


def cpp_string(text):
    # Raw string literals in chunks, well under compiler limits on string literal length.
    chunk = 30000
    parts = [text[i:i + chunk] for i in range(0, len(text), chunk)] or [""]
    return "\n".join('R"tbjson(' + part + ')tbjson"' for part in parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--botocore", required=True)
    parser.add_argument("--services", nargs="+", required=True)
    parser.add_argument("--sources", required=True)
    parser.add_argument("--patches", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    with open(args.patches, encoding="utf-8") as f:
        patches = json.load(f)

    entries = []
    for service in args.services:
        model = load_model(args.botocore, service)
        apply_patches(model, patches.get(service, {}).get("patches", []))
        implemented = registered_operations(args.sources, service)
        missing = implemented - set(model["operations"])
        if missing:
            sys.exit(f"embed_models: {service} registers operations its model lacks: {sorted(missing)}")
        trimmed = trim(model, implemented)
        metadata = trimmed["metadata"]
        endpoint = metadata.get("endpointPrefix", service)
        signing = metadata.get("signingName", endpoint)
        text = json.dumps(trimmed, separators=(",", ":"), ensure_ascii=False)
        entries.append((service, endpoint, signing, text))

    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    lines = ['// Generated by tools/embed_models.py from python3-botocore; do not edit.',
             '#include "protocol/embedded_models.hpp"', '', 'namespace trailbox::protocol {', 'namespace {', '']
    for index, (service, endpoint, signing, text) in enumerate(entries):
        lines.append(f"constexpr char kModel{index}[] =\n{cpp_string(text)};")
    lines.append("constexpr EmbeddedModel kModels[] = {")
    for index, (service, endpoint, signing, text) in enumerate(entries):
        lines.append(f'    {{"{service}", "{endpoint}", "{signing}", {{kModel{index}, sizeof kModel{index} - 1}}}},')
    lines += ["};", "}  // namespace", "",
              "std::span<const EmbeddedModel> EmbeddedModels() { return kModels; }", "",
              "}  // namespace trailbox::protocol", ""]
    content = "\n".join(lines)
    if os.path.exists(args.output):
        with open(args.output, encoding="utf-8") as f:
            if f.read() == content:
                return
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(content)


if __name__ == "__main__":
    main()
