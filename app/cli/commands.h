// The subcommands of litescope-cli. Each takes the arguments after the program name (argv[0] is
// the subcommand itself) and returns the process exit code.
#pragma once

namespace litescope::cli {

int BenchCommand(int argc, char** argv);
int CompareCommand(int argc, char** argv);
int ConvertCommand(int argc, char** argv);
int InspectCommand(int argc, char** argv);
int QuantizeCommand(int argc, char** argv);
int RenderCommand(int argc, char** argv);
int RunCommand(int argc, char** argv);
int SampleCommand(int argc, char** argv);

}  // namespace litescope::cli
