"""The Python driver of test/sdk/protocol.ts: one Pulumi operation over the generated Python SDK.

Reads an SdkRequest (JSON) on stdin, declares its program through pulumi_sinch_voice as a Python user would, runs
the operation as an inline Automation API program (no language host needed) and prints the SdkAnswer as one JSON
line, the last line of stdout. The engine comes from the environment: PULUMI_HOME (where `pulumi plugin install`
put the plugin), PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, and the `pulumi` CLI first on PATH.
"""

import importlib.util
import json
import sys
from pathlib import Path

import pulumi
import pulumi_sinch_voice as sinch
from pulumi import automation as auto

REPOSITORY = Path(__file__).resolve().parents[4]
EXAMPLE = REPOSITORY / "examples" / "python-basic" / "__main__.py"

# Every output of each resource: the schema's property name, then the Python SDK's attribute.
NUMBER_OUTPUTS = {
    "adopted": "adopted",
    "allowReassign": "allow_reassign",
    "applicationKey": "application_key",
    "assignedApplicationKey": "assigned_application_key",
    "capability": "capability",
    "foundApplicationKey": "found_application_key",
    "number": "number",
}
CALLBACKS_OUTPUTS = {
    "adopted": "adopted",
    "applicationKey": "application_key",
    "appliedFallback": "applied_fallback",
    "appliedPrimary": "applied_primary",
    "fallback": "fallback",
    "foundFallback": "found_fallback",
    "foundPrimary": "found_primary",
    "primary": "primary",
}


def without_none(values):
    """The entries that have a value: an absent optional property is left out, as JSON leaves out undefined."""
    return {key: value for key, value in values.items() if value is not None}


def numbers_result(result):
    """A getNumbers result with the schema's names."""
    return {
        "numbers": [
            without_none(
                {
                    "number": entry.number,
                    "capability": entry.capability,
                    "applicationKey": entry.application_key,
                }
            )
            for entry in result.numbers
        ]
    }


def query_result(result):
    """A queryNumber result with the schema's names."""
    rate = None
    if result.rate is not None:
        rate = without_none({"amount": result.rate.amount, "currencyId": result.rate.currency_id})
    return without_none(
        {
            "countryId": result.country_id,
            "normalizedNumber": result.normalized_number,
            "numberType": result.number_type,
            "rate": rate,
            "restricted": result.restricted,
        }
    )


def program_of(request):
    """The inline program that declares what the request's program describes."""
    program = request["program"]

    if program.get("example"):

        def example():
            # Loaded under a name other than __main__, so that the file declares nothing until it is called.
            spec = importlib.util.spec_from_file_location("python_basic_example", EXAMPLE)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.pulumi_program()

        return example

    def declared():
        providers = {}
        for spec in program.get("providers") or []:
            providers[spec["name"]] = sinch.Provider(
                spec["name"],
                application_key=spec["applicationKey"],
                application_secret=pulumi.Output.secret(spec["applicationSecret"]),
                base_url=spec["baseUrl"],
                auth=spec.get("auth"),
            )

        def provider_named(name):
            if name is None:
                return None
            if name not in providers:
                raise ValueError(f"the program declares no provider named {name!r}")
            return providers[name]

        def options(spec):
            return pulumi.ResourceOptions(
                import_=spec.get("importId"),
                provider=provider_named(spec.get("provider")),
                retain_on_delete=spec.get("retainOnDelete"),
            )

        def export_outputs(name, resource, outputs):
            if program.get("exportOutputs"):
                for property_name, attribute in outputs.items():
                    pulumi.export(f"{name}.{property_name}", getattr(resource, attribute))

        for spec in program.get("numbers") or []:
            number = sinch.voice.NumberAssignment(
                spec["name"],
                number=spec["number"],
                application_key=spec.get("applicationKey"),
                capability=spec.get("capability"),
                allow_reassign=spec.get("allowReassign"),
                opts=options(spec),
            )
            export_outputs(spec["name"], number, NUMBER_OUTPUTS)

        for spec in program.get("callbacks") or []:
            callbacks = sinch.voice.ApplicationCallbacks(
                spec["name"],
                primary=spec["primary"],
                fallback=spec.get("fallback"),
                application_key=spec.get("applicationKey"),
                opts=options(spec),
            )
            export_outputs(spec["name"], callbacks, CALLBACKS_OUTPUTS)

        for call in program.get("functions") or []:
            invoke_options = pulumi.InvokeOutputOptions(provider=provider_named(call.get("provider")))
            if call["function"] == "getNumbers":
                result = sinch.voice.get_numbers_output(
                    application_key=call.get("applicationKey"),
                    capability=call.get("capability"),
                    opts=invoke_options,
                ).apply(numbers_result)
            elif call["function"] == "queryNumber":
                result = sinch.voice.query_number_output(number=call["number"], opts=invoke_options).apply(query_result)
            else:
                raise ValueError(f"unknown function {call['function']!r}")
            pulumi.export(f"function.{call['name']}", result)

    return declared


def qualified(key, project_name):
    """A configuration key as the stack stores it: `<namespace>:<name>`, the project's namespace by default."""
    return key if ":" in key else f"{project_name}:{key}"


def configure(stack, request):
    """Makes the stack's configuration exactly the request's: its keys set (secrets as secrets), others removed."""
    wanted = {
        qualified(key, request["projectName"]): auto.ConfigValue(value=entry["value"], secret=bool(entry.get("secret")))
        for key, entry in request["config"].items()
    }
    stale = [key for key in stack.get_all_config() if key not in wanted]
    if stale:
        stack.remove_all_config(stale)
    if wanted:
        stack.set_all_config(wanted)


def counts(changes):
    """Resource changes as plain {kind: count}; OpType keys (preview) become their values."""
    return {str(getattr(kind, "value", kind)): count for kind, count in (changes or {}).items()}


def run(request):
    answer = {"ok": False}
    stdout, stderr = [], []
    streams = {"on_output": stdout.append, "on_error": stderr.append}
    try:
        # For an inline program, create_or_select_stack ignores its work_dir argument: the directory goes in opts.
        stack = auto.create_or_select_stack(
            stack_name=request["stackName"],
            project_name=request["projectName"],
            program=program_of(request),
            opts=auto.LocalWorkspaceOptions(
                work_dir=request["workDir"],
                project_settings=auto.ProjectSettings(name=request["projectName"], runtime="python"),
            ),
        )
        configure(stack, request)
        operation = request["operation"]
        if operation == "up":
            result = stack.up(**streams)
            answer["changes"] = counts(result.summary.resource_changes)
            outputs = {name: output for name, output in result.outputs.items() if output.value is not None}
            answer["outputs"] = {name: output.value for name, output in outputs.items()}
            answer["secretOutputs"] = sorted(name for name, output in outputs.items() if output.secret)
        elif operation == "preview":
            answer["changes"] = counts(stack.preview(**streams).change_summary)
        elif operation == "refresh":
            answer["changes"] = counts(stack.refresh(**streams).summary.resource_changes)
        elif operation == "destroy":
            answer["changes"] = counts(stack.destroy(**streams).summary.resource_changes)
        else:
            raise ValueError(f"unknown operation {operation!r}")
        answer["ok"] = True
    except Exception as error:  # pylint: disable=broad-except
        answer["message"] = str(error) or repr(error)
    answer["stdout"] = "\n".join(stdout)
    answer["stderr"] = "\n".join(stderr)
    return answer


def main():
    try:
        request = json.load(sys.stdin)
    except ValueError as error:
        answer = {"ok": False, "message": f"the request is not JSON: {error}"}
    else:
        answer = run(request)
    sys.stdout.flush()
    print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
