#include "tests/support/op_case.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/test_support.h"

namespace litescope::testing {

OpCase::OpCase(std::string name, tflite::BuiltinOperator op, tflite::BuiltinOptionsUnion options, int version)
    : name_(std::move(name)), op_(op), options_(std::move(options)), version_(version) {}

OpCase::OpCase(std::string name, ModelBuilder model, std::vector<NpyArray> inputs)
    : name_(std::move(name)),
      op_(tflite::BuiltinOperator_ADD),
      version_(1),
      builder_(std::move(model)),
      graph_inputs_(std::move(inputs)),
      finished_(true) {}

int OpCase::AddInput(tflite::TensorType type, Shape shape, std::vector<uint8_t> bytes, bool constant,
                     const QuantParams& quant) {
  int tensor;
  std::string tname = "input_" + std::to_string(op_inputs_.size());
  if (constant) {
    int buffer = builder_.AddBuffer(bytes);
    tensor = builder_.AddTensor(tname, type, shape, buffer, quant);
  } else {
    tensor = builder_.AddTensor(tname, type, shape, 0, quant);
    graph_input_tensors_.push_back(tensor);
    graph_inputs_.push_back(NpyArray{type, shape, std::move(bytes)});
  }
  op_inputs_.push_back(tensor);
  return tensor;
}

int OpCase::Output(tflite::TensorType type, Shape declared_shape, const QuantParams& quant) {
  int tensor = builder_.AddTensor("output_" + std::to_string(op_outputs_.size()), type, declared_shape, 0, quant);
  op_outputs_.push_back(tensor);
  return tensor;
}

int OpCase::Intermediate(tflite::TensorType type, const QuantParams& quant) {
  int tensor = builder_.AddTensor("intermediate_" + std::to_string(intermediates_.size()), type, {}, 0, quant);
  intermediates_.push_back(tensor);
  return tensor;
}

std::vector<uint8_t> OpCase::ModelBytes() {
  if (!finished_) {
    const int op = builder_.AddOperator(op_, op_inputs_, op_outputs_, std::move(options_), 0, version_);
    builder_.model().subgraphs[0]->operators[static_cast<size_t>(op)]->intermediates = intermediates_;
    builder_.SetInputs(graph_input_tensors_);
    builder_.SetOutputs(op_outputs_);
    finished_ = true;
  }
  Result<SerializedModel> s = builder_.Finish();
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? s->Bytes() : std::vector<uint8_t>{};
}

Result<std::vector<NpyArray>> OpCase::RunOurs(const InterpreterOptions& options) {
  return RunOurs(options, BuiltinOps());
}

Result<std::vector<NpyArray>> OpCase::RunOurs(const InterpreterOptions& options, const OpRegistry& registry) {
  Result<std::unique_ptr<Model>> model = Model::FromBytes(ModelBytes(), name_);
  if (!model.ok()) return model.status();
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**model, registry, options);
  if (!it.ok()) return it.status();
  for (size_t i = 0; i < graph_inputs_.size(); ++i) {
    Tensor* t = (*it)->input(static_cast<int>(i));
    if (t->bytes() != graph_inputs_[i].data.size()) return InvalidArgument("input size mismatch in the test case");
    if (t->bytes() != 0) std::memcpy(t->raw(), graph_inputs_[i].data.data(), t->bytes());
  }
  LITESCOPE_RETURN_IF_ERROR((*it)->Invoke());
  std::vector<NpyArray> out;
  for (int o = 0; o < (*it)->output_count(); ++o) {
    const Tensor& t = *(*it)->output(o);
    out.push_back({t.type, t.shape, std::vector<uint8_t>(t.raw(), t.raw() + t.bytes())});
  }
  return out;
}

bool TfliteOracleAvailable() {
  static const bool available = [] {
    if (!SharedDir() || std::system("node --version > /dev/null 2>&1") != 0) return false;
    const char* dir = std::getenv("LITESCOPE_ORACLE_DIR");
    const char* home = std::getenv("HOME");
    std::filesystem::path modules = dir ? std::filesystem::path(dir) / "node_modules"
                                        : std::filesystem::path(home ? home : "/") / ".cache/litescope-oracle/node_modules";
    return std::filesystem::exists(modules / "@tensorflow" / "tfjs-tflite");
  }();
  return available;
}

namespace {

template <typename T>
double MaxAbsDiff(const NpyArray& a, const NpyArray& b, double* max_ref) {
  std::vector<T> va = Values<T>(a), vb = Values<T>(b);
  double diff = 0;
  *max_ref = 0;
  for (size_t i = 0; i < va.size(); ++i) {
    double x = static_cast<double>(va[i]), y = static_cast<double>(vb[i]);
    if (std::isnan(x) != std::isnan(y)) return INFINITY;
    if (std::isnan(x)) continue;
    if (std::isinf(x) || std::isinf(y)) {
      if (x != y) return INFINITY;
      continue;
    }
    diff = std::max(diff, std::fabs(x - y));
    *max_ref = std::max(*max_ref, std::fabs(y));
  }
  return diff;
}

}  // namespace

::testing::AssertionResult OutputsMatch(const std::vector<NpyArray>& actual, const std::vector<NpyArray>& expected,
                                        double float_tol, int max_lsb) {
  if (actual.size() != expected.size()) {
    return ::testing::AssertionFailure() << actual.size() << " outputs, expected " << expected.size();
  }
  for (size_t o = 0; o < actual.size(); ++o) {
    const NpyArray& a = actual[o];
    const NpyArray& e = expected[o];
    if (a.type != e.type) {
      return ::testing::AssertionFailure() << "output " << o << " is " << tflite::EnumNameTensorType(a.type)
                                           << ", expected " << tflite::EnumNameTensorType(e.type);
    }
    if (a.shape != e.shape) {
      return ::testing::AssertionFailure() << "output " << o << " has shape " << ShapeString(a.shape)
                                           << ", expected " << ShapeString(e.shape);
    }
    double ref = 0, diff = 0, limit = 0;
    switch (a.type) {
      case tflite::TensorType_FLOAT32:
        diff = MaxAbsDiff<float>(a, e, &ref);
        limit = float_tol * std::max(1.0, ref);
        break;
      case tflite::TensorType_INT8: diff = MaxAbsDiff<int8_t>(a, e, &ref), limit = max_lsb; break;
      case tflite::TensorType_UINT8: diff = MaxAbsDiff<uint8_t>(a, e, &ref), limit = max_lsb; break;
      case tflite::TensorType_INT16: diff = MaxAbsDiff<int16_t>(a, e, &ref), limit = max_lsb; break;
      case tflite::TensorType_INT32: diff = MaxAbsDiff<int32_t>(a, e, &ref), limit = max_lsb; break;
      case tflite::TensorType_INT64: diff = MaxAbsDiff<int64_t>(a, e, &ref), limit = max_lsb; break;
      default:
        if (a.data != e.data) return ::testing::AssertionFailure() << "output " << o << " differs";
        continue;
    }
    if (!(diff <= limit)) {
      return ::testing::AssertionFailure() << "output " << o << ": max |a - e| = " << diff << " > " << limit;
    }
  }
  return ::testing::AssertionSuccess();
}

void ExpectMatchesTflite(const std::vector<OpCase*>& cases, double float_tol, int max_lsb) {
  if (!TfliteOracleAvailable()) {
    GTEST_SKIP() << "real TFLite is not set up here (Node.js and ../shared/oracle/setup.sh); ours-only checks ran";
  }
  const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::path dir = TempDir("oracle_" + test);
  nlohmann::json manifest = {{"oracle", (*SharedDir() / "oracle").string()}, {"cases", nlohmann::json::array()}};
  for (size_t i = 0; i < cases.size(); ++i) {
    std::filesystem::path case_dir = dir / std::to_string(i);
    std::filesystem::create_directories(case_dir);
    std::vector<uint8_t> bytes = cases[i]->ModelBytes();
    std::ofstream((case_dir / "model.tflite").string(), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    nlohmann::json inputs = nlohmann::json::array();
    for (size_t k = 0; k < cases[i]->graph_inputs().size(); ++k) {
      std::filesystem::path p = case_dir / ("input_" + std::to_string(k) + ".npy");
      ASSERT_TRUE(WriteNpy(p.string(), cases[i]->graph_inputs()[k]).ok());
      inputs.push_back(p.string());
    }
    manifest["cases"].push_back(
        {{"model", (case_dir / "model.tflite").string()}, {"inputs", inputs}, {"outdir", (case_dir / "tflite").string()}});
  }
  std::ofstream(dir / "manifest.json") << manifest.dump();
  std::string cmd = "node " + std::string(LITESCOPE_SOURCE_DIR) + "/tests/support/tflite_batch.js " +
                    (dir / "manifest.json").string() + " > " + (dir / "results.jsonl").string() + " 2> " +
                    (dir / "stderr.txt").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "the TFLite batch runner failed; see " << dir / "stderr.txt";
  std::ifstream results(dir / "results.jsonl");
  std::string line;
  size_t integer_outputs = 0, integer_diffs = 0;  // elements of non-float outputs, and how many differ
  for (size_t i = 0; i < cases.size(); ++i) {
    // The WebAssembly runtime prints its own messages ("Failed to run the model") on stdout too.
    while (std::getline(results, line) && !line.starts_with("{")) {
    }
    ASSERT_TRUE(results) << "no result for case " << cases[i]->name();
    nlohmann::json r = nlohmann::json::parse(line);
    Result<std::vector<NpyArray>> ours = cases[i]->RunOurs();
    if (r["status"] != "ok") {
      ADD_FAILURE() << cases[i]->name() << ": real TFLite refused the case: " << r.value("error", "");
      continue;
    }
    ASSERT_TRUE(ours.ok()) << cases[i]->name() << ": " << ours.status().message();
    std::vector<NpyArray> theirs;
    for (size_t o = 0; o < ours->size(); ++o) {
      Result<NpyArray> a = ReadNpy((dir / std::to_string(i) / "tflite" / ("output_" + std::to_string(o) + ".npy")).string());
      ASSERT_TRUE(a.ok()) << a.status().message();
      theirs.push_back(std::move(a).value());
    }
    EXPECT_TRUE(OutputsMatch(*ours, theirs, float_tol, max_lsb)) << cases[i]->name();
    for (size_t o = 0; o < theirs.size() && o < ours->size(); ++o) {
      const NpyArray &a = (*ours)[o], &b = theirs[o];
      if (a.type == tflite::TensorType_FLOAT32 || a.data.size() != b.data.size()) continue;
      const size_t size = std::max<size_t>(1, ElementSize(a.type));
      for (size_t k = 0; k + size <= a.data.size(); k += size) {
        ++integer_outputs;
        integer_diffs += std::memcmp(a.data.data() + k, b.data.data() + k, size) != 0;
      }
    }
  }
  ::testing::Test::RecordProperty("tflite_cases_compared", static_cast<int>(cases.size()));
  if (max_lsb > 0 && integer_outputs > 0) {  // how often the allowed LSB differences happen
    std::printf("%zu cases, %zu integer outputs, %zu differ from TFLite (up to %d LSB allowed)\n", cases.size(),
                integer_outputs, integer_diffs, max_lsb);
    ::testing::Test::RecordProperty("integer_outputs_differing", static_cast<int>(integer_diffs));
  }
}

std::vector<float> RandomFloats(size_t n, uint32_t seed, float lo, float hi) {
  std::vector<float> out(n);
  uint32_t s = seed * 2654435761u + 7;
  for (float& v : out) {
    s = s * 1664525u + 1013904223u;
    v = lo + (hi - lo) * static_cast<float>(s >> 8) / static_cast<float>(1u << 24);
  }
  return out;
}

}  // namespace litescope::testing
