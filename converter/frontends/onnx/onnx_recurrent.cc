// Recurrent layers: LSTM, GRU, RNN (opset 7+, layout of opset 14). An LSTM with constant
// weights, the default activations, no clip, zero initial state and no Y_c becomes one
// UNIDIRECTIONAL_SEQUENCE_LSTM per direction (the reverse one between two GATHERs that reverse
// time). Everything else is unrolled over the static sequence length into FULLY_CONNECTED,
// SLICE and elementwise ops, following the ONNX equations; a sequence_lens that is not all equal
// to the sequence length masks the steps past each batch row's end (state kept, output zero).
#include <algorithm>

#include "converter/frontends/onnx/onnx_op_table.h"
#include "engine/runtime/tensor.h"

namespace litescope {
namespace {

enum class Cell { kLstm, kGru, kRnn };

struct Activation {
  std::string name;
  float alpha = 0, beta = 0;
};

// One ONNX recurrent node, read and checked.
struct Layer {
  Cell cell = Cell::kRnn;
  int gates = 1;  // LSTM 4 (i o f c), GRU 3 (z r h), RNN 1
  int hidden = 0, dirs = 1, seq = 0, batch = 0, input = 0;
  bool reverse_only = false;  // direction "reverse"
  bool batch_major = false;   // layout 1
  float clip = 0;             // 0: none
  bool linear_before_reset = false;
  std::vector<Activation> acts;  // per direction: LSTM f g h, GRU f g, RNN f
  int x = -1;                    // [seq, batch, input]
  int lens = -1;                 // INT32 [batch], only when some row is shorter than seq
  int h0 = -1, c0 = -1;          // [dirs, batch, hidden], or -1
};

float F(const std::vector<float>& v, size_t* next, float def) { return *next < v.size() ? v[(*next)++] : def; }

Status ReadActivations(Importer& im, Layer* l) {
  static const std::vector<std::string> kLstm = {"Sigmoid", "Tanh", "Tanh"}, kGru = {"Sigmoid", "Tanh"}, kRnn = {"Tanh"};
  const std::vector<std::string>& def = l->cell == Cell::kLstm ? kLstm : l->cell == Cell::kGru ? kGru : kRnn;
  std::vector<std::string> names;
  if (const onnx::AttributeProto* a = im.Attr("activations")) names.assign(a->strings().begin(), a->strings().end());
  if (names.empty()) {
    for (int d = 0; d < l->dirs; ++d) names.insert(names.end(), def.begin(), def.end());
  }
  if (names.size() != def.size() * static_cast<size_t>(l->dirs)) {
    return im.Fail("activations lists " + std::to_string(names.size()) + " functions; " + std::to_string(def.size() * l->dirs) +
                   " expected");
  }
  // activation_alpha / _beta hold values only for the functions that take them, in order.
  const std::vector<float> alphas = im.Floats("activation_alpha"), betas = im.Floats("activation_beta");
  size_t ai = 0, bi = 0;
  for (const std::string& n : names) {
    Activation a{n};
    if (n == "LeakyRelu") {
      a.alpha = F(alphas, &ai, 0.01f);
    } else if (n == "HardSigmoid") {
      a.alpha = F(alphas, &ai, 0.2f);
      a.beta = F(betas, &bi, 0.5f);
    } else if (n == "Affine" || n == "ScaledTanh") {
      a.alpha = F(alphas, &ai, 1.0f);
      a.beta = F(betas, &bi, n == "Affine" ? 0.0f : 1.0f);
    } else if (n != "Sigmoid" && n != "Tanh" && n != "Relu") {
      return im.Fail("activation '" + n + "' is not supported (Sigmoid, Tanh, Relu, LeakyRelu, HardSigmoid, Affine, ScaledTanh are)");
    }
    l->acts.push_back(a);
  }
  return Status::Ok();
}

int Apply(Importer& im, const Activation& a, int x) {
  auto scalar = [&](float v) { return im.Scalar(tflite::TensorType_FLOAT32, v); };
  if (a.name == "Sigmoid") return im.Emit(tflite::BuiltinOperator_LOGISTIC, {x});
  if (a.name == "Tanh") return im.Emit(tflite::BuiltinOperator_TANH, {x});
  if (a.name == "Relu") return im.Emit(tflite::BuiltinOperator_RELU, {x});
  if (a.name == "LeakyRelu") {
    tflite::LeakyReluOptionsT o;
    o.alpha = a.alpha;
    return im.Emit(tflite::BuiltinOperator_LEAKY_RELU, {x}, Options(o));
  }
  if (a.name == "HardSigmoid") return im.Emit(tflite::BuiltinOperator_RELU_0_TO_1, {Add(im, Mul(im, x, scalar(a.alpha)), scalar(a.beta))});
  if (a.name == "Affine") return Add(im, Mul(im, x, scalar(a.alpha)), scalar(a.beta));
  return Mul(im, im.Emit(tflite::BuiltinOperator_TANH, {Mul(im, x, scalar(a.beta))}), scalar(a.alpha));  // ScaledTanh
}

int Slice(Importer& im, int v, const std::vector<int32_t>& begin, const std::vector<int32_t>& size) {
  return im.Emit(tflite::BuiltinOperator_SLICE, {v, im.ConstI32(begin), im.ConstI32(size)}, Options(tflite::SliceOptionsT{}));
}

// v[d] for a v of shape [dirs, shape...], as `shape`.
int Row(Importer& im, int v, int d, const ir::Dims& shape) {
  std::vector<int32_t> begin(shape.size() + 1, 0), size = {1};
  begin[0] = d;
  size.insert(size.end(), shape.begin(), shape.end());
  return im.Reshape(Slice(im, v, begin, size), shape);
}

int Concat(Importer& im, const std::vector<int>& parts, int axis) {
  if (parts.size() == 1) return parts[0];
  tflite::ConcatenationOptionsT o;
  o.axis = axis;
  return im.Emit(tflite::BuiltinOperator_CONCATENATION, parts, Options(o));
}

int FullyConnected(Importer& im, int x, int w, int b) {
  return im.Emit(tflite::BuiltinOperator_FULLY_CONNECTED, {x, w, b}, Options(tflite::FullyConnectedOptionsT{}));
}

// Pre-activations are clipped to [-clip, clip] when clip is set.
int Act(Importer& im, const Layer& l, const Activation& a, int x) {
  if (l.clip > 0) {
    x = im.Emit(tflite::BuiltinOperator_MINIMUM, {x, im.Scalar(tflite::TensorType_FLOAT32, l.clip)});
    x = im.Emit(tflite::BuiltinOperator_MAXIMUM, {x, im.Scalar(tflite::TensorType_FLOAT32, -l.clip)});
  }
  return Apply(im, a, x);
}

// One direction's outputs: Y [seq, 1, batch, hidden] in time order, the last h and c [1, batch, hidden].
struct Direction {
  int y = -1, h = -1, c = -1;
};

Direction Unroll(Importer& im, const Layer& l, int d) {
  const int H = l.hidden, B = l.batch, G = l.gates * H;
  const Activation* act = &l.acts[static_cast<size_t>(d) * l.acts.size() / static_cast<size_t>(l.dirs)];
  const int w = Row(im, im.In(1), d, {G, l.input}), r = Row(im, im.In(2), d, {G, H});
  int wb = -1, rb = -1;
  if (im.Has(3)) {
    const int b = Row(im, im.In(3), d, {2 * G});
    wb = Slice(im, b, {0}, {G});
    rb = Slice(im, b, {G}, {G});
  }
  int pi = -1, po = -1, pf = -1;
  if (l.cell == Cell::kLstm && im.Has(7)) {
    const int p = Row(im, im.In(7), d, {3 * H});
    pi = Slice(im, p, {0}, {H});
    po = Slice(im, p, {H}, {H});
    pf = Slice(im, p, {2 * H}, {H});
  }
  const int zeros = im.ConstF32(std::vector<float>(static_cast<size_t>(B) * H, 0.0f), ir::Dims{B, H});
  int h = l.h0 >= 0 ? Row(im, l.h0, d, {B, H}) : zeros;
  int c = l.c0 >= 0 ? Row(im, l.c0, d, {B, H}) : zeros;
  // The input projections of every step at once: [seq * batch, gates * hidden].
  const int xw = FullyConnected(im, im.Reshape(l.x, {l.seq * B, l.input}), w, wb);
  auto gate = [&](int v, int k) { return Slice(im, v, {0, k * H}, {B, H}); };
  const bool reverse = l.reverse_only || d == 1;
  std::vector<int> ys(static_cast<size_t>(l.seq));
  for (int i = 0; i < l.seq; ++i) {
    const int t = reverse ? l.seq - 1 - i : i;
    const int xt = Slice(im, xw, {t * B, 0}, {B, G});
    const int rec = FullyConnected(im, h, r, rb);
    int h_new = -1, c_new = -1;
    if (l.cell == Cell::kLstm) {
      const int s = Add(im, xt, rec);
      int ip = gate(s, 0), fp = gate(s, 2), op = gate(s, 1);
      if (pi >= 0) {
        ip = Add(im, ip, Mul(im, pi, c));
        fp = Add(im, fp, Mul(im, pf, c));
      }
      const int ig = Act(im, l, act[0], ip), fg = Act(im, l, act[0], fp), cg = Act(im, l, act[1], gate(s, 3));
      c_new = Add(im, Mul(im, fg, c), Mul(im, ig, cg));
      if (po >= 0) op = Add(im, op, Mul(im, po, c_new));
      h_new = Mul(im, Act(im, l, act[0], op), Apply(im, act[2], c_new));
    } else if (l.cell == Cell::kGru) {
      const int z = Act(im, l, act[0], Add(im, gate(xt, 0), gate(rec, 0)));
      const int rg = Act(im, l, act[0], Add(im, gate(xt, 1), gate(rec, 1)));
      int hp;
      if (l.linear_before_reset) {
        hp = Mul(im, rg, gate(rec, 2));
      } else {
        const int rh = Slice(im, r, {2 * H, 0}, {H, H});
        hp = FullyConnected(im, Mul(im, rg, h), rh, rb >= 0 ? Slice(im, rb, {2 * H}, {H}) : -1);
      }
      const int hh = Act(im, l, act[1], Add(im, gate(xt, 2), hp));
      h_new = Add(im, hh, Mul(im, z, Sub(im, h, hh)));  // (1 - z) hh + z h
    } else {
      h_new = Act(im, l, act[0], Add(im, xt, rec));
    }
    int y = h_new;
    if (l.lens >= 0) {  // rows whose sequence has ended keep their state and output zeros
      const int live = im.Emit(tflite::BuiltinOperator_LESS, {im.Scalar(tflite::TensorType_INT32, t), l.lens});
      const int m = im.Reshape(im.Cast(live, tflite::TensorType_FLOAT32), {B, 1});
      y = Mul(im, m, h_new);
      h_new = Add(im, h, Mul(im, m, Sub(im, h_new, h)));
      if (c_new >= 0) c_new = Add(im, c, Mul(im, m, Sub(im, c_new, c)));
    }
    h = h_new;
    if (c_new >= 0) c = c_new;
    ys[static_cast<size_t>(t)] = im.Reshape(y, {1, 1, B, H});
  }
  return {Concat(im, ys, 0), im.Reshape(h, {1, B, H}), im.Reshape(c, {1, B, H})};
}

// x reversed along axis 0 (GATHER: the engine has no REVERSE_V2).
int ReverseTime(Importer& im, int x, int steps) {
  std::vector<int32_t> idx(static_cast<size_t>(steps));
  for (int t = 0; t < steps; ++t) idx[static_cast<size_t>(t)] = steps - 1 - t;
  tflite::GatherOptionsT o;
  o.axis = 0;
  return im.Emit(tflite::BuiltinOperator_GATHER, {x, im.ConstI32(idx)}, Options(o));
}

bool AllZero(Importer& im, int v) {
  Result<std::vector<float>> f = im.ConstFloats(v);
  return f.ok() && std::all_of(f->begin(), f->end(), [](float x) { return x == 0.0f; });
}

// UNIDIRECTIONAL_SEQUENCE_LSTM can express the node: constant weights, the default activations,
// no clip (TFLite's cell_clip clips the cell state, ONNX's clip the pre-activations), zero
// initial state, every row the full length, and no Y_c (the op does not output the cell).
bool FusedLstmFits(Importer& im, const Layer& l) {
  if (l.cell != Cell::kLstm || l.clip > 0 || l.lens >= 0 || im.HasOutput(2)) return false;
  for (size_t i = 0; i < l.acts.size(); ++i) {
    if (l.acts[i].name != (i % 3 == 0 ? "Sigmoid" : "Tanh")) return false;
  }
  for (int i : {1, 2, 3, 7}) {
    if (im.Has(i) && !im.IsConst(im.In(i))) return false;
  }
  return (!im.Has(5) || AllZero(im, im.In(5))) && (!im.Has(6) || AllZero(im, im.In(6)));
}

Direction FusedLstm(Importer& im, const Layer& l, int d) {
  const int H = l.hidden, I = l.input, B = l.batch;
  const size_t hs = static_cast<size_t>(H);
  const std::vector<float> w = *im.ConstFloats(im.In(1)), r = *im.ConstFloats(im.In(2));
  std::vector<float> b(static_cast<size_t>(l.dirs) * 8 * hs, 0.0f);
  if (im.Has(3)) b = *im.ConstFloats(im.In(3));
  auto block = [&](const std::vector<float>& v, size_t per_dir, int k, size_t n) {
    auto first = v.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(d) * per_dir + static_cast<size_t>(k) * n);
    return std::vector<float>(first, first + static_cast<std::ptrdiff_t>(n));
  };
  std::vector<int> in(24, -1);
  in[0] = l.reverse_only || d == 1 ? ReverseTime(im, l.x, l.seq) : l.x;
  static const int kOnnxGate[4] = {0, 2, 3, 1};  // TFLite's i f c o in ONNX's i o f c
  for (int g = 0; g < 4; ++g) {
    const int k = kOnnxGate[g];
    in[static_cast<size_t>(1 + g)] = im.ConstF32(block(w, 4 * hs * static_cast<size_t>(I), k, hs * static_cast<size_t>(I)), ir::Dims{H, I});
    in[static_cast<size_t>(5 + g)] = im.ConstF32(block(r, 4 * hs * hs, k, hs * hs), ir::Dims{H, H});
    std::vector<float> bias = block(b, 8 * hs, k, hs), rbias = block(b, 8 * hs, 4 + k, hs);
    for (size_t j = 0; j < hs; ++j) bias[j] += rbias[j];
    in[static_cast<size_t>(12 + g)] = im.ConstF32(bias, ir::Dims{H});
  }
  if (im.Has(7)) {
    const std::vector<float> p = *im.ConstFloats(im.In(7));
    in[9] = im.ConstF32(block(p, 3 * hs, 0, hs), ir::Dims{H});   // i
    in[10] = im.ConstF32(block(p, 3 * hs, 2, hs), ir::Dims{H});  // f
    in[11] = im.ConstF32(block(p, 3 * hs, 1, hs), ir::Dims{H});  // o
  }
  for (int s : {18, 19}) {
    ir::Value state;
    state.name = im.NewName(s == 18 ? "output_state" : "cell_state");
    state.shape = {B, H};
    state.is_variable = true;
    in[static_cast<size_t>(s)] = im.graph().AddValue(std::move(state));
  }
  tflite::UnidirectionalSequenceLSTMOptionsT o;
  o.fused_activation_function = tflite::ActivationFunctionType_TANH;
  o.time_major = true;
  const int y = im.Emit(tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, in, Options(o),
                        OutSpec{tflite::TensorType_FLOAT32, ir::Dims{l.seq, B, H}, std::nullopt});
  const int h = Slice(im, y, {l.seq - 1, 0, 0}, {1, B, H});
  const int ordered = in[0] == l.x ? y : ReverseTime(im, y, l.seq);
  return {im.Reshape(ordered, {l.seq, 1, B, H}), h, -1};
}

Status ReadLayer(Importer& im, Cell cell, Layer* l) {
  l->cell = cell;
  l->gates = cell == Cell::kLstm ? 4 : cell == Cell::kGru ? 3 : 1;
  const std::string direction = im.Str("direction", "forward");
  if (direction != "forward" && direction != "reverse" && direction != "bidirectional") return im.Fail("unknown direction '" + direction + "'");
  l->dirs = direction == "bidirectional" ? 2 : 1;
  l->reverse_only = direction == "reverse";
  l->batch_major = im.Int("layout", 0) != 0;
  l->clip = im.Attr("clip") != nullptr ? im.Float("clip", 0.0f) : 0.0f;
  l->linear_before_reset = im.Int("linear_before_reset", 0) != 0;
  if (cell == Cell::kLstm && im.Int("input_forget", 0) != 0) return im.Fail("input_forget=1 (coupled input and forget gates) is not supported");
  Result<ir::Dims> xs = im.Shape(im.In(0));
  if (!xs.ok() || xs->size() != 3 || std::count(xs->begin(), xs->end(), -1) > 0) {
    return im.Fail("X needs a static 3-D shape (the sequence is unrolled over its length)");
  }
  Result<ir::Dims> rs = im.Shape(im.In(2));
  if (!rs.ok() || rs->size() != 3) return im.Fail("R needs a static [num_directions, gates * hidden, hidden] shape");
  l->hidden = (*rs)[2];
  if (im.Int("hidden_size", l->hidden) != l->hidden || (*rs)[1] != l->gates * l->hidden || (*rs)[0] != l->dirs) {
    return im.Fail("R of shape " + ShapeString(*rs) + " does not fit hidden_size and direction");
  }
  l->x = l->batch_major ? im.Transpose(im.In(0), {1, 0, 2}) : im.In(0);
  l->seq = (*xs)[l->batch_major ? 1 : 0];
  l->batch = (*xs)[l->batch_major ? 0 : 1];
  l->input = (*xs)[2];
  LITESCOPE_RETURN_IF_ERROR(ReadActivations(im, l));
  if (im.Has(4)) {
    Result<std::vector<int64_t>> lens = im.ConstInts(im.In(4));
    const bool full = lens.ok() && std::all_of(lens->begin(), lens->end(), [&](int64_t n) { return n == l->seq; });
    if (!full) l->lens = im.TypeOf(im.In(4)) == tflite::TensorType_INT32 ? im.In(4) : im.Cast(im.In(4), tflite::TensorType_INT32);
  }
  const std::vector<int> state_perm = {1, 0, 2};
  if (im.Has(5)) l->h0 = l->batch_major ? im.Transpose(im.In(5), state_perm) : im.In(5);
  if (cell == Cell::kLstm && im.Has(6)) l->c0 = l->batch_major ? im.Transpose(im.In(6), state_perm) : im.In(6);
  return Status::Ok();
}

Status ConvertRecurrent(Importer& im, Cell cell) {
  Layer l;
  LITESCOPE_RETURN_IF_ERROR(ReadLayer(im, cell, &l));
  const bool fused = FusedLstmFits(im, l);
  std::vector<int> ys, hs, cs;
  for (int d = 0; d < l.dirs; ++d) {
    const Direction out = fused ? FusedLstm(im, l, d) : Unroll(im, l, d);
    ys.push_back(out.y);
    hs.push_back(out.h);
    cs.push_back(out.c);
  }
  // Y [seq, dirs, batch, hidden] / Y_h, Y_c [dirs, batch, hidden]; batch first with layout 1.
  if (im.HasOutput(0)) {
    const int y = Concat(im, ys, 1);
    im.SetOutput(0, l.batch_major ? im.Transpose(y, {2, 0, 1, 3}) : y);
  }
  for (int i = 1; i < 3 && i < im.output_count(); ++i) {
    if (!im.HasOutput(i)) continue;
    const int s = Concat(im, i == 1 ? hs : cs, 0);
    im.SetOutput(i, l.batch_major ? im.Transpose(s, {1, 0, 2}) : s);
  }
  return Status::Ok();
}

}  // namespace

Status ConvertLstm(Importer& im) { return ConvertRecurrent(im, Cell::kLstm); }
Status ConvertGru(Importer& im) { return ConvertRecurrent(im, Cell::kGru); }
Status ConvertRnn(Importer& im) { return ConvertRecurrent(im, Cell::kRnn); }

}  // namespace litescope
