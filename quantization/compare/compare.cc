// The comparison job: same-network check, the dataset, one pass over the samples (outputs,
// classification, layers), then latency.
#include "quantization/compare/compare.h"

#include <cmath>
#include <sstream>

#include "engine/model/tensor_type.h"
#include "engine/runtime/op_registry.h"
#include "quantization/compare/model_info.h"
#include "quantization/dataset/classification.h"
#include "quantization/dataset/real_values.h"

namespace litescope {
namespace {

// Output 0 holds one score per class: [N] or [1, N] with N >= 2 and fewer values than input 0
// (an autoencoder's output is as large as its input).
bool LooksLikeClassifier(const Tensor& out, const Tensor& in) {
  int64_t n = 0;
  for (int32_t d : out.shape) {
    if (d != 1 && n != 0) return false;
    if (d != 1) n = d;
  }
  return n >= 2 && n < in.elements();
}

// Without --preprocess, images get the real range the quantized model's input represents (its
// scale and zero point say what the float model was fed), rounded to whole numbers when close.
std::string DerivedPreprocess(const Tensor& float_input, const Tensor& quant_input) {
  const std::optional<std::pair<float, float>> r = RepresentableRange(quant_input.type, quant_input.quant);
  if (float_input.type != tflite::TensorType_FLOAT32 || !r) return "";
  auto nice = [](double v) { return std::fabs(v - std::round(v)) < 0.02 ? std::round(v) : v; };
  std::ostringstream s;
  s << "range=" << nice(r->first) << ":" << nice(r->second);
  return s.str();
}

// Random data for float inputs covers what the quantized twin's inputs represent, when they are
// quantized (a float model fed raw pixels has an int8 twin of scale 1), else [-1, 1].
std::vector<std::pair<float, float>> TwinRanges(Interpreter& f, Interpreter& q) {
  std::vector<std::pair<float, float>> ranges;
  for (int i = 0; i < f.input_count(); ++i) {
    ranges.push_back(RepresentableRange(q.input(i)->type, q.input(i)->quant).value_or(std::pair{-1.0f, 1.0f}));
  }
  return ranges;
}

struct ClassifierTally {
  Accuracy a;
  void Add(const Tensor& f, const Tensor& q, int label) {
    const std::vector<Ranked> ft = TopK(f, 5), qt = TopK(q, 5);
    if (ft.empty() || qt.empty()) return;
    auto in = [](const std::vector<Ranked>& top, int c) {
      for (const Ranked& r : top) {
        if (r.index == c) return true;
      }
      return false;
    };
    ++a.samples;
    a.top1_agreement += qt[0].index == ft[0].index;
    a.top5_agreement += in(qt, ft[0].index);
    if (label < 0) return;
    ++a.labelled;
    a.float_top1 += ft[0].index == label;
    a.float_top5 += in(ft, label);
    a.quant_top1 += qt[0].index == label;
    a.quant_top5 += in(qt, label);
  }
  Accuracy Result() const {
    Accuracy r = a;
    const double n = std::max(r.samples, 1), l = std::max(r.labelled, 1);
    r.top1_agreement /= n, r.top5_agreement /= n;
    r.float_top1 /= l, r.float_top5 /= l, r.quant_top1 /= l, r.quant_top5 /= l;
    return r;
  }
};

Result<std::unique_ptr<Interpreter>> Create(const Model& model, const CompareOptions& options) {
  InterpreterOptions io;
  io.threads = options.threads;
  io.keep_intermediates = options.layers;
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(model, BuiltinOps(), io);
  if (!it.ok()) return it.status().WithContext("preparing " + model.path());
  return it;
}

}  // namespace

Status CheckSameNetwork(const Model& float_model, const Model& quant_model) {
  const SubgraphView f = float_model.subgraph(0), q = quant_model.subgraph(0);
  auto shapes = [](const SubgraphView& g, std::span<const int32_t> tensors) {
    std::vector<Shape> s;
    for (int32_t t : tensors) s.emplace_back(g.tensor(t).shape().begin(), g.tensor(t).shape().end());
    return s;
  };
  auto list = [](const std::vector<Shape>& s) {
    std::string out;
    for (const Shape& x : s) out += (out.empty() ? "" : ", ") + ShapeString(x);
    return out;
  };
  const std::string names = float_model.path() + " and " + quant_model.path() + " are not the same network: ";
  for (bool inputs : {true, false}) {
    const std::vector<Shape> fs = shapes(f, inputs ? f.inputs() : f.outputs());
    const std::vector<Shape> qs = shapes(q, inputs ? q.inputs() : q.outputs());
    const std::string what = inputs ? "input" : "output";
    if (fs.size() != qs.size()) {
      return InvalidArgument(names + std::to_string(fs.size()) + " " + what + "s against " + std::to_string(qs.size()));
    }
    if (fs != qs) return InvalidArgument(names + what + " shapes " + list(fs) + " against " + list(qs));
  }
  return Status::Ok();
}

Result<Comparison> Compare(const std::string& float_path, const std::string& quant_path, const DatasetSpec& data,
                           const CompareOptions& options) {
  Result<std::unique_ptr<Model>> f = Model::Load(float_path);
  if (!f.ok()) return f.status();
  Result<std::unique_ptr<Model>> q = Model::Load(quant_path);
  if (!q.ok()) return q.status();
  return Compare(**f, **q, data, options);
}

Result<Comparison> Compare(const Model& float_model, const Model& quant_model, const DatasetSpec& data,
                           const CompareOptions& options) {
  LITESCOPE_RETURN_IF_ERROR(CheckSameNetwork(float_model, quant_model));
  Result<std::unique_ptr<Interpreter>> fi = Create(float_model, options);
  if (!fi.ok()) return fi.status();
  Result<std::unique_ptr<Interpreter>> qi = Create(quant_model, options);
  if (!qi.ok()) return qi.status();
  Interpreter &f = **fi, &q = **qi;
  Comparison c;
  DatasetSpec spec = data;
  if (spec.preprocess.empty()) spec.preprocess = DerivedPreprocess(*f.input(0), *q.input(0));
  if (spec.random_ranges.empty()) spec.random_ranges = TwinRanges(f, q);
  Result<Dataset> dataset = Dataset::Open(spec, f);
  if (!dataset.ok()) return dataset.status();
  const Dataset& ds = *dataset;
  c.dataset = ds.notes();
  c.data_paths = data.paths;
  c.preprocess = ds.preprocess();
  if (data.preprocess.empty() && !c.preprocess.empty()) {
    c.dataset.warnings.push_back("no --preprocess given: images scaled to " + c.preprocess +
                                 ", the real range of the quantized model's input");
  }
  c.float_model = DescribeModel(float_model, f);
  c.quant_model = DescribeModel(quant_model, q);

  std::vector<ErrorAccumulator> acc(static_cast<size_t>(f.output_count()));
  std::vector<std::vector<float>> errors(acc.size());
  const bool classifier = LooksLikeClassifier(*f.output(0), *f.input(0));
  ClassifierTally tally;
  LayerDebugger layers = options.layers ? LayerDebugger::Match(float_model, quant_model) : LayerDebugger();
  const int total = ds.size() + 2;
  for (int i = 0; i < ds.size(); ++i) {
    for (Interpreter* it : {&f, &q}) {
      LITESCOPE_RETURN_IF_ERROR(ds.Fill(i, *it));
      LITESCOPE_RETURN_IF_ERROR(it->Invoke().WithContext("running " + it->model().path() + " on " + ds.name(i)));
    }
    c.sample_names.push_back(ds.name(i));
    for (int o = 0; o < f.output_count(); ++o) {
      std::optional<std::vector<float>> fv = RealValues(*f.output(o)), qv = RealValues(*q.output(o));
      if (!fv || !qv) return Unsupported("output " + std::to_string(o) + " ('" + f.output(o)->name + "') holds no numbers");
      acc[static_cast<size_t>(o)].Add(*fv, *qv);
      for (size_t k = 0; k < fv->size(); ++k) errors[static_cast<size_t>(o)].push_back((*qv)[k] - (*fv)[k]);
    }
    if (classifier) tally.Add(*f.output(0), *q.output(0), ds.label(i));
    if (options.layers) layers.Add(f, q);
    if (options.progress && !options.progress(i + 1, total)) return Cancelled("comparison cancelled");
  }
  for (int o = 0; o < f.output_count(); ++o) {
    OutputComparison out{DescribeTensor(*f.output(o)), DescribeTensor(*q.output(o)), acc[static_cast<size_t>(o)].Metrics(),
                         MakeHistogram(errors[static_cast<size_t>(o)], options.histogram_bins)};
    c.outputs.push_back(std::move(out));
  }
  if (classifier) {
    c.accuracy = tally.Result();
    c.accuracy->classes = static_cast<int>(f.output(0)->elements());
  }
  c.layers = layers.Layers();
  c.unmatched_layers = layers.unmatched();

  const Model* models[] = {&float_model, &quant_model};
  ModelInfo* infos[] = {&c.float_model, &c.quant_model};
  for (int m = 0; m < 2; ++m) {
    LITESCOPE_RETURN_IF_ERROR(MeasureLatency(*models[m], ds, options.latency_runs, options.threads, *infos[m]));
    if (options.progress && !options.progress(ds.size() + m + 1, total)) return Cancelled("comparison cancelled");
  }
  if (c.dataset.random) c.warnings.push_back(c.dataset.warnings.front());
  if (options.layers && c.layers.empty()) c.warnings.push_back("no layer of the quantized model matched a float layer");
  return c;
}

}  // namespace litescope
