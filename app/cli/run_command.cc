#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/image_run.h"
#include "engine/runtime/random_input.h"
#include "engine/model/npy.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/signature_runner.h"
#include "quantization/dataset/classification.h"

namespace litescope::cli {
namespace {

constexpr const char* kUsage =
    "usage: litescope-cli run MODEL [--input [NAME=]FILE.npy ...] [--random] [--output-dir DIR]\n"
    "                            [--dump-intermediates DIR] [--threads N] [--signature KEY]\n"
    "       litescope-cli run MODEL --image FILE [--labels FILE] [--top K] [--preprocess SPEC]\n"
    "  --input FILE.npy without NAME= feeds the inputs in model order.\n"
    "  --image decodes BMP/PNG/JPEG, resizes it to input 0 (Pillow's antialiased bilinear) and prints\n"
    "  the top K (default 5) classes of output 0. SPEC: range=LO:HI | mean=R:G:B,std=R:G:B, order=bgr;\n"
    "  without it FLOAT32 inputs get range=-1:1, UINT8 the raw pixels, INT8 the pixels - 128.\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}

// Feeds one --input: NAME=FILE.npy, or FILE.npy for input `position` (its place among the
// --input options).
Status SetInputFromNpy(Interpreter& it, const std::string& spec, int position) {
  const size_t eq = spec.find('=');
  const bool named = eq != std::string::npos && !spec.substr(0, eq).ends_with(".npy");
  const std::string name = named ? spec.substr(0, eq) : std::to_string(position);
  const std::string path = named ? spec.substr(eq + 1) : spec;
  int index = -1;
  for (int i = 0; i < it.input_count(); ++i) {
    if (it.input(i)->name == name || std::to_string(i) == name) index = i;
  }
  if (index < 0) {
    std::string names;
    for (int i = 0; i < it.input_count(); ++i) names += (i ? ", " : "") + it.input(i)->name;
    return NotFound("the model has no input named '" + name + "' (inputs: " + names + ")");
  }
  Result<NpyArray> array = ReadNpy(path);
  if (!array.ok()) return array.status();
  Tensor* t = it.input(index);
  if (array->type != t->type) {
    return InvalidArgument(path + " holds " + tflite::EnumNameTensorType(array->type) + " but input '" + t->name +
                           "' is " + tflite::EnumNameTensorType(t->type));
  }
  if (array->shape != t->shape) {
    LITESCOPE_RETURN_IF_ERROR(it.ResizeInput(index, array->shape).WithContext(path));
    LITESCOPE_RETURN_IF_ERROR(it.AllocateTensors());
  }
  std::memcpy(it.input(index)->raw(), array->data.data(), array->data.size());
  return Status::Ok();
}

void PrintTensorSummary(const char* role, int i, const Tensor& t) {
  std::printf("%s %d %s %s%s", role, i, t.name.c_str(), tflite::EnumNameTensorType(t.type), ShapeString(t.shape).c_str());
  if (t.type == tflite::TensorType_FLOAT32) {
    double min = INFINITY, max = -INFINITY, sum = 0;
    int64_t nan = 0, inf = 0, n = t.elements();
    for (int64_t k = 0; k < n; ++k) {
      float v = t.data<float>()[k];
      if (std::isnan(v)) { ++nan; continue; }
      if (std::isinf(v)) { ++inf; continue; }
      min = std::min(min, double(v));
      max = std::max(max, double(v));
      sum += v;
    }
    std::printf("  min %.6g max %.6g mean %.6g", min, max, n ? sum / double(n - nan - inf) : 0.0);
    if (nan || inf) std::printf("  NaN %lld Inf %lld", static_cast<long long>(nan), static_cast<long long>(inf));
  }
  std::printf("\n");
}

Status WriteTensor(const std::filesystem::path& path, const Tensor& t) {
  NpyArray a{t.type, t.shape, std::vector<uint8_t>(t.raw(), t.raw() + t.bytes())};
  return WriteNpy(path.string(), a);
}

// Runs through a signature def: inputs and outputs by their signature names.
int RunSignature(Interpreter& it, const std::string& key, const std::vector<std::string>& inputs,
                 const std::optional<std::string>& out_dir) {
  Result<SignatureRunner> runner = SignatureRunner::Create(it, key);
  if (!runner.ok()) return Fail(runner.status().message());
  std::mt19937 rng(0);
  for (const std::string& name : runner->input_names()) FillRandom(*runner->input(name), rng);
  for (const std::string& spec : inputs) {
    size_t eq = spec.find('=');
    std::string name = spec.substr(0, eq);
    Tensor* t = eq == std::string::npos ? nullptr : runner->input(name);
    if (t == nullptr) return Fail("signature '" + key + "' has no input '" + name + "' (give NAME=FILE.npy)");
    Result<NpyArray> array = ReadNpy(spec.substr(eq + 1));
    if (!array.ok()) return Fail(array.status().message());
    if (array->type != t->type || array->shape != t->shape) {
      return Fail(spec.substr(eq + 1) + " is " + tflite::EnumNameTensorType(array->type) + ShapeString(array->shape) +
                  ", signature input '" + name + "' is " + tflite::EnumNameTensorType(t->type) + ShapeString(t->shape));
    }
    std::memcpy(t->raw(), array->data.data(), array->data.size());
  }
  if (Status s = runner->Invoke(); !s.ok()) return Fail(s.message());
  for (size_t i = 0; i < runner->output_names().size(); ++i) {
    const std::string& name = runner->output_names()[i];
    PrintTensorSummary("output", static_cast<int>(i), *runner->output(name));
    if (out_dir) {
      std::filesystem::create_directories(*out_dir);
      if (Status s = WriteTensor(std::filesystem::path(*out_dir) / (name + ".npy"), *runner->output(name)); !s.ok()) {
        return Fail(s.message());
      }
    }
  }
  return 0;
}

}  // namespace

int RunCommand(int argc, char** argv) {
  Args args(argc, argv);
  const std::vector<std::string> inputs = args.Values("--input");
  bool random = args.Flag("--random");
  std::optional<std::string> out_dir = args.Value("--output-dir");
  std::optional<std::string> dump_dir = args.Value("--dump-intermediates");
  std::optional<std::string> threads = args.Value("--threads");
  std::optional<std::string> signature = args.Value("--signature");
  std::optional<std::string> image = args.Value("--image");
  std::optional<std::string> labels_path = args.Value("--labels");
  std::optional<std::string> top = args.Value("--top");
  std::optional<std::string> preprocess_spec = args.Value("--preprocess");
  if (Status s = args.Finish(1, 1); !s.ok()) {
    std::fprintf(stderr, "run: %s\n%s", s.message().c_str(), kUsage);
    return 2;
  }
  InterpreterOptions options;
  options.keep_intermediates = dump_dir.has_value();
  if (threads) options.threads = std::max(1, std::atoi(threads->c_str()));

  Result<std::unique_ptr<Model>> model = Model::Load(args.positional()[0]);
  if (!model.ok()) return Fail(model.status().message());
  Result<std::unique_ptr<Interpreter>> created = Interpreter::Create(**model, BuiltinOps(), options);
  if (!created.ok()) return Fail(created.status().message());
  Interpreter& it = **created;

  if (signature) return RunSignature(it, *signature, inputs, out_dir);

  std::mt19937 rng(0);
  if (inputs.empty() && !random && !image) std::printf("note: no --input given: random inputs (seed 0)\n");
  for (int i = 0; i < it.input_count(); ++i) FillRandom(*it.input(i), rng);
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (Status s = SetInputFromNpy(it, inputs[i], static_cast<int>(i)); !s.ok()) return Fail(s.message());
  }
  std::vector<std::string> labels;
  if (labels_path) {
    Result<std::vector<std::string>> read = LoadLabels(*labels_path);
    if (!read.ok()) return Fail(read.status().message());
    labels = std::move(read).value();
  }
  const int top_k = top ? std::atoi(top->c_str()) : 5;
  if (top_k < 1) return Fail("--top needs a positive count, got " + *top);
  if (image) {
    Result<Preprocess> preprocess = preprocess_spec ? ParsePreprocess(*preprocess_spec) : Result<Preprocess>(Preprocess{});
    if (!preprocess.ok()) return Fail(preprocess.status().message());
    if (Status s = FeedImage(it, *image, *preprocess); !s.ok()) return Fail(s.message());
  }
  for (int i = 0; i < it.input_count(); ++i) PrintTensorSummary("input ", i, *it.input(i));
  if (Status s = it.Invoke(); !s.ok()) return Fail(s.message());
  for (int i = 0; i < it.output_count(); ++i) PrintTensorSummary("output", i, *it.output(i));
  if (image || labels_path || top) PrintTopClasses(*it.output(0), labels, top_k);

  if (out_dir) {
    std::filesystem::create_directories(*out_dir);
    for (int i = 0; i < it.output_count(); ++i) {
      std::filesystem::path p = std::filesystem::path(*out_dir) / ("output_" + std::to_string(i) + ".npy");
      if (Status s = WriteTensor(p, *it.output(i)); !s.ok()) return Fail(s.message());
    }
    std::printf("outputs written to %s\n", out_dir->c_str());
  }
  if (dump_dir) {
    std::filesystem::create_directories(*dump_dir);
    for (int t = 0; t < it.tensor_count(); ++t) {
      const Tensor& tensor = *it.tensor(t);
      if (tensor.raw() == nullptr || NpyDescr(tensor.type).empty()) continue;
      std::filesystem::path p = std::filesystem::path(*dump_dir) / ("tensor_" + std::to_string(t) + ".npy");
      if (Status s = WriteTensor(p, tensor); !s.ok()) return Fail(s.message());
    }
    std::printf("every tensor written to %s (tensor_<index>.npy)\n", dump_dir->c_str());
  }
  std::printf("arena %zu bytes (without reuse: %zu)\n", it.arena_bytes(), it.naive_bytes());
  return 0;
}

}  // namespace litescope::cli
