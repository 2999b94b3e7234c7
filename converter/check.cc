#include "converter/check.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <sstream>

#include "converter/writer/tflite_writer.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"
#include "engine/runtime/random_input.h"

namespace litescope {
namespace {

struct Run {
  std::unique_ptr<Model> model;
  std::unique_ptr<Interpreter> it;
};

Result<Run> Start(std::vector<uint8_t> bytes, const std::string& label) {
  Run r;
  Result<std::unique_ptr<Model>> m = Model::FromBytes(std::move(bytes), label);
  if (!m.ok()) return m.status();
  r.model = std::move(m).value();
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*r.model, BuiltinOps(), {.keep_intermediates = true});
  if (!it.ok()) return it.status().WithContext(label);
  r.it = std::move(it).value();
  return r;
}

std::vector<double> Values(const Tensor& t) {
  std::vector<double> v(static_cast<size_t>(t.elements()));
  for (size_t i = 0; i < v.size(); ++i) {
    switch (t.type) {
      case tflite::TensorType_FLOAT32: v[i] = t.data<float>()[i]; break;
      case tflite::TensorType_INT32: v[i] = t.data<int32_t>()[i]; break;
      case tflite::TensorType_INT64: v[i] = static_cast<double>(t.data<int64_t>()[i]); break;
      case tflite::TensorType_INT8: v[i] = t.data<int8_t>()[i]; break;
      case tflite::TensorType_UINT8: v[i] = t.data<uint8_t>()[i]; break;
      case tflite::TensorType_INT16: v[i] = t.data<int16_t>()[i]; break;
      case tflite::TensorType_BOOL: v[i] = t.data<uint8_t>()[i]; break;
      default: return {};
    }
  }
  return v;
}

// Largest |a - b| and whether it is within the tolerance of `a` (the reference).
std::pair<double, bool> Compare(const Tensor& reference, const Tensor& actual) {
  if (reference.shape != actual.shape) return {INFINITY, false};
  const std::vector<double> a = Values(reference), b = Values(actual);
  if (a.size() != b.size()) return {INFINITY, false};
  double worst = 0, scale = 1;
  for (size_t i = 0; i < a.size(); ++i) {
    scale = std::max(scale, std::abs(a[i]));
    const double d = std::isnan(a[i]) != std::isnan(b[i]) ? INFINITY : std::abs(a[i] - b[i]);
    if (!std::isnan(d)) worst = std::max(worst, d);
  }
  const double tol = reference.type == tflite::TensorType_FLOAT32 ? 1e-4 * scale : 0;
  return {worst, worst <= tol};
}

}  // namespace

Result<CheckReport> CheckConversion(const ir::Model& imported, const SerializedModel& converted) {
  Result<SerializedModel> before = SerializeTflite(imported);
  if (!before.ok()) return before.status();
  Result<Run> ref = Start(before->Bytes(), "the imported graph");
  if (!ref.ok()) return ref.status();
  Result<Run> out = Start(converted.Bytes(), "the converted model");
  if (!out.ok()) return out.status();
  Interpreter& a = *ref->it;
  Interpreter& b = *out->it;
  if (a.input_count() != b.input_count() || a.output_count() != b.output_count())
    return Internal("the converted model has a different number of inputs or outputs than the imported graph");
  std::mt19937 rng(20261129);
  for (int i = 0; i < a.input_count(); ++i) {
    FillRandom(*a.input(i), rng);
    Tensor& in = *b.input(i);
    if (in.bytes() == a.input(i)->bytes() && in.shape == a.input(i)->shape) {
      std::memcpy(in.raw(), a.input(i)->raw(), in.bytes());
    } else {
      return Unsupported("input " + std::to_string(i) + " has shape " + ShapeString(a.input(i)->shape) +
                         " in the imported graph and " + ShapeString(in.shape) +
                         " in the converted model (a layout change): --check needs the same input layout "
                         "(use --keep-nchw-io)");
    }
  }
  LITESCOPE_RETURN_IF_ERROR(a.Invoke().WithContext("running the imported graph"));
  LITESCOPE_RETURN_IF_ERROR(b.Invoke().WithContext("running the converted model"));
  CheckReport report;
  std::ostringstream text;
  for (int i = 0; i < a.output_count(); ++i) {
    const auto [worst, ok] = Compare(*a.output(i), *b.output(i));
    report.max_abs = std::max(report.max_abs, worst);
    report.ok = report.ok && ok;
    text << "output " << i << ": max |difference| " << worst << (ok ? " (within tolerance)" : " (too large)") << "\n";
  }
  if (!report.ok) {
    // The first tensor, in the imported graph's order, that both have and that diverges.
    std::map<std::string, int> converted_tensors;
    for (int t = 0; t < b.tensor_count(); ++t)
      converted_tensors[std::string(out->model->subgraph(0).tensor(t).name())] = t;
    const SubgraphView sg = ref->model->subgraph(0);
    for (int op = 0; op < sg.operator_count() && report.first_divergence.empty(); ++op) {
      for (int32_t t : sg.op(op).outputs()) {
        const std::string name(sg.tensor(t).name());
        auto it = converted_tensors.find(name);
        if (it == converted_tensors.end()) continue;
        const Tensor& x = *a.tensor(t);
        const Tensor& y = *b.tensor(it->second);
        if (x.shape != y.shape || x.type != y.type) continue;
        const auto [worst, ok] = Compare(x, y);
        if (ok) continue;
        report.first_divergence = name;
        text << "first divergence: " << name << " (output of node " << op << ", " << sg.op(op).name()
             << "): max |difference| " << worst << "\n";
        break;
      }
    }
  }
  report.summary = text.str();
  return report;
}

}  // namespace litescope
