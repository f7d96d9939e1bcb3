"""Builds docsift's extension module with the project's CMake (see pyproject.toml).

The extension is the CMake target docsift_python (python/CMakeLists.txt), configured with
DOCSIFT_BUILD_PYTHON=ON, tests and benchmarks off, for the interpreter running this script.
Environment: DOCSIFT_CMAKE_ARGS adds configure arguments; DOCSIFT_BUILD_DIR picks the build
folder (default build-pip/ in the source tree, so repeated installs rebuild incrementally);
CMAKE_BUILD_PARALLEL_LEVEL sets the build jobs (default: all cores).
"""

import os
import shlex
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = Path(os.environ.get("DOCSIFT_BUILD_DIR", ROOT / "build-pip")).resolve()
        build_dir.mkdir(parents=True, exist_ok=True)
        configure = [
            "cmake",
            "-S",
            str(ROOT),
            "-B",
            str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DDOCSIFT_BUILD_PYTHON=ON",
            "-DDOCSIFT_BUILD_TESTS=OFF",
            "-DDOCSIFT_BUILD_BENCH=OFF",
            f"-DPYTHON_EXECUTABLE={sys.executable}",
        ] + shlex.split(os.environ.get("DOCSIFT_CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.run(
            ["cmake", "--build", str(build_dir), "-j", jobs, "--target", "docsift_python"],
            check=True,
        )
        built = build_dir / "python" / "docsift"
        modules = sorted(built.glob("_docsift*.so"))
        if not modules:
            raise RuntimeError(f"CMake built no _docsift module in {built}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        self.copy_file(str(modules[0]), str(target))


setup(
    ext_modules=[CMakeExtension("docsift._docsift")],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own scratch folders, away from the CMake build/ folder.
    options={"build": {"build_base": str(ROOT / "build-pip" / "setuptools")}},
)
