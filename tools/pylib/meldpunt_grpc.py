"""gRPC health and reflection clients on Debian's python3-grpcio.

Debian ships grpcio without grpc_health / grpc_reflection, so the two protos from the grpc-proto
package are compiled with protoc (python3-protobuf code) when first needed, and the calls are
made through grpc's generic multi-callables: no grpc_python_plugin and no generated stubs are
kept anywhere.
"""

import importlib.util
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import grpc
from google.protobuf import descriptor_pb2

GRPC_PROTO_DIR = Path("/usr/share/grpc-proto")
_HEALTH_PROTO = "grpc/health/v1/health.proto"
_REFLECTION_PROTO = "grpc/reflection/v1alpha/reflection.proto"
_HEALTH_CHECK = "/grpc.health.v1.Health/Check"
_REFLECTION_INFO = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"

_modules = None


def _load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def protos():
    """The generated health_pb2 and reflection_pb2 modules (compiled once per process).

    They are loaded by file under their own names: the proto package "grpc" would otherwise
    shadow the grpc library itself.
    """
    global _modules
    if _modules is None:
        with tempfile.TemporaryDirectory(prefix="meldpunt-pyproto-") as out:
            subprocess.run(
                ["protoc", f"-I{GRPC_PROTO_DIR}", f"--python_out={out}",
                 str(GRPC_PROTO_DIR / _HEALTH_PROTO), str(GRPC_PROTO_DIR / _REFLECTION_PROTO)],
                check=True)
            _modules = types.SimpleNamespace(
                health=_load_module("meldpunt_health_pb2",
                                    Path(out) / _HEALTH_PROTO.replace(".proto", "_pb2.py")),
                reflection=_load_module("meldpunt_reflection_pb2",
                                        Path(out) / _REFLECTION_PROTO.replace(".proto", "_pb2.py")))
    return _modules


def health_check(channel, service="", timeout=5.0):
    """grpc.health.v1.Health/Check: the ServingStatus name ("SERVING", ...).

    Raises grpc.RpcError for a failed call (NOT_FOUND for a service the server does not know).
    """
    health = protos().health
    check = channel.unary_unary(
        _HEALTH_CHECK,
        request_serializer=health.HealthCheckRequest.SerializeToString,
        response_deserializer=health.HealthCheckResponse.FromString)
    response = check(health.HealthCheckRequest(service=service), timeout=timeout)
    return health.HealthCheckResponse.ServingStatus.Name(response.status)


def health_status(address, service="", timeout=2.0):
    """Health of the server at address as one word: a ServingStatus name or a gRPC code name
    (e.g. "UNAVAILABLE" when nothing listens). Never raises for a failed call."""
    with grpc.insecure_channel(address) as channel:
        try:
            return health_check(channel, service, timeout)
        except grpc.RpcError as e:
            return e.code().name


def _reflect(channel, requests, timeout):
    reflection = protos().reflection
    info = channel.stream_stream(
        _REFLECTION_INFO,
        request_serializer=reflection.ServerReflectionRequest.SerializeToString,
        response_deserializer=reflection.ServerReflectionResponse.FromString)
    responses = list(info(iter(requests), timeout=timeout))
    for r in responses:
        if r.WhichOneof("message_response") == "error_response":
            raise LookupError(f"reflection error {r.error_response.error_code}: "
                              f"{r.error_response.error_message}")
    return responses


def list_services(channel, timeout=5.0):
    """Fully qualified service names the server lists through reflection."""
    request = protos().reflection.ServerReflectionRequest(list_services="")
    (response,) = _reflect(channel, [request], timeout)
    return [s.name for s in response.list_services_response.service]


def files_containing_symbol(channel, symbol, timeout=5.0):
    """The FileDescriptorProtos the server returns for a symbol (the defining file first,
    possibly followed by its dependencies)."""
    request = protos().reflection.ServerReflectionRequest(file_containing_symbol=symbol)
    (response,) = _reflect(channel, [request], timeout)
    files = []
    for raw in response.file_descriptor_response.file_descriptor_proto:
        fd = descriptor_pb2.FileDescriptorProto()
        fd.ParseFromString(raw)
        files.append(fd)
    return files


def method_names(files, service):
    """Method names of a fully qualified service within FileDescriptorProtos."""
    for fd in files:
        for s in fd.service:
            full_name = f"{fd.package}.{s.name}" if fd.package else s.name
            if full_name == service:
                return [m.name for m in s.method]
    return []


if __name__ == "__main__":
    # Manual probe: meldpunt_grpc.py HOST:PORT [SERVICE]
    print(health_status(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""))
