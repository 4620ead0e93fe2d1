# -*- Python -*-
# lit configuration of tlc's regression tests (see test/README.md).

import os
import platform
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "TLC"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)

# .tl: TensorLogic sources, .json: EinsumGraph imports, .test: scripted tests.
config.suffixes = [".mlir", ".tl", ".json", ".test"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tlc_obj_root, "test")

# Helper files (inputs, drivers, reference scripts) live in these and are
# never tests themselves.
config.excludes = ["Inputs", "inputs", "lit.cfg.py", "lit.site.cfg.py",
                   "CMakeLists.txt", "README.md"]

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# %python is the Debian interpreter (it has numpy), not the one running lit.
config.substitutions = [s for s in config.substitutions if s[0] != "%python"]
config.substitutions.append(("%python", '"%s"' % config.python_executable))
config.substitutions.append(("%tlc_src_root", config.tlc_src_root))
config.substitutions.append(("%tlc_obj_root", config.tlc_obj_root))
config.substitutions.append(("%tlc_libs", config.tlc_libs_dir))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
# -I flags for mlir-tblgen: MLIR's own .td files.
config.substitutions.append(
    ("%mlir_includes",
     " ".join("-I" + d for d in config.mlir_include_dirs.split(";") if d)))

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.tlc_tools_dir, append_path=True)

tool_dirs = [config.tlc_tools_dir, config.llvm_tools_dir]
tools = [
    "tlc-opt",
    # The driver may not be built yet in every configuration.
    ToolSubst("tlc", unresolved="ignore"),
    "split-file",
    "mlir-tblgen",
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# ---------------------------------------------------------------------------
# Features for hardware- and toolchain-dependent tests.
# ---------------------------------------------------------------------------
path = config.environment.get("PATH", os.environ.get("PATH", ""))


def which(name):
    return shutil.which(name, path=path) or shutil.which(name)


# The host architecture (x86_64, aarch64, ...).
config.available_features.add(platform.machine())

# AArch64 cross-compilation and emulation.
if which("qemu-aarch64") and which("aarch64-linux-gnu-gcc"):
    config.available_features.add("aarch64-qemu")

# The host can run AVX-512 code.
try:
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags") and "avx512f" in line.split():
                config.available_features.add("avx512")
                break
except OSError:
    pass

# NVIDIA's assembler (for PTX -> cubin checks).
if os.path.exists("/usr/local/cuda/bin/ptxas"):
    config.available_features.add("ptxas")

# An NVIDIA GPU that tests can launch kernels on.
nvidia_smi = which("nvidia-smi")
if nvidia_smi:
    try:
        out = subprocess.run([nvidia_smi, "-L"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=60)
        if out.returncode == 0 and b"GPU" in out.stdout:
            config.available_features.add("cuda-device")
    except (OSError, subprocess.SubprocessError):
        pass

# tlc verifies the IR after each stage; the tests have it verified after
# every pass, as tlc-opt does (tlc --verify-each).
config.environment["TLC_VERIFY_EACH"] = "1"

# PyPI packages for test scripts (opt-einsum), installed by
# scripts/install-py-deps.sh into the build tree.
pydeps = os.path.join(config.tlc_obj_root, "pydeps")
config.environment["PYTHONPATH"] = pydeps
try:
    if subprocess.run([config.python_executable, "-c", "import opt_einsum"],
                      env=dict(os.environ, PYTHONPATH=pydeps),
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                      timeout=60).returncode == 0:
        config.available_features.add("opt_einsum")
except (OSError, subprocess.SubprocessError):
    pass

# numpy for the reference scripts.
try:
    if subprocess.run([config.python_executable, "-c", "import numpy"],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                      timeout=60).returncode == 0:
        config.available_features.add("numpy")
except (OSError, subprocess.SubprocessError):
    pass
