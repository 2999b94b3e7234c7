// Einsum with two operands as BATCH_MATMUL: letters in both operands and the output are batch
// dimensions, letters in both but not the output are contracted; each operand is transposed and
// reshaped to [batch, rows, contracted] / [batch, contracted, cols], and the product reshaped and
// transposed into the output's order. Letters in one operand only and absent from the output are
// summed first. One-operand equations are transposes and sums.
#include <algorithm>
#include <map>

#include "converter/frontends/onnx/onnx_op_table.h"

namespace litescope {
namespace {

struct Term {
  int value;
  std::string letters;
  ir::Dims shape;
};

// Sums away the letters of `t` that `keep` lacks.
void SumAway(Importer& im, Term* t, const std::string& keep) {
  std::vector<int32_t> axes;
  std::string rest;
  ir::Dims shape;
  for (size_t i = 0; i < t->letters.size(); ++i) {
    if (keep.find(t->letters[i]) == std::string::npos) {
      axes.push_back(static_cast<int32_t>(i));
    } else {
      rest += t->letters[i];
      shape.push_back(t->shape[i]);
    }
  }
  if (axes.empty()) return;
  tflite::ReducerOptionsT o;
  o.keep_dims = false;
  t->value = im.Emit(tflite::BuiltinOperator_SUM, {t->value, im.ConstI32(axes)}, Options(o), {.shape = shape});
  t->letters = rest;
  t->shape = shape;
}

// Transposes `t` into the letter order `order`.
void Arrange(Importer& im, Term* t, const std::string& order) {
  if (t->letters == order) return;
  std::vector<int> perm;
  ir::Dims shape;
  for (char c : order) {
    const size_t i = t->letters.find(c);
    perm.push_back(static_cast<int>(i));
    shape.push_back(t->shape[i]);
  }
  t->value = im.Transpose(t->value, perm);
  t->letters = order;
  t->shape = shape;
}

int32_t Product(const Term& t, const std::string& letters) {
  int32_t p = 1;
  for (char c : letters) p *= t.shape[t.letters.find(c)];
  return p;
}

}  // namespace

Status ConvertEinsum(Importer& im) {
  std::string eq = im.Str("equation", "");
  eq.erase(std::remove(eq.begin(), eq.end(), ' '), eq.end());
  if (eq.find("...") != std::string::npos) return im.Fail("equation '" + eq + "' is not supported (ellipsis)");
  size_t arrow = eq.find("->");
  std::string out;
  if (arrow == std::string::npos) {
    // Implicit output: the letters that occur once, in alphabetical order.
    std::map<char, int> count;
    for (char c : eq)
      if (c != ',') ++count[c];
    for (const auto& [c, n] : count)
      if (n == 1) out += c;
    arrow = eq.size();
  } else {
    out = eq.substr(arrow + 2);
  }
  std::vector<std::string> ins;
  for (size_t start = 0;;) {
    const size_t comma = eq.find(',', start);
    ins.push_back(eq.substr(start, std::min(comma, arrow) - start));
    if (comma == std::string::npos || comma > arrow) break;
    start = comma + 1;
  }
  if (static_cast<int>(ins.size()) != im.input_count() || ins.size() > 2) return im.Fail("equation '" + eq + "' is not supported (one or two operands)");
  std::vector<Term> terms;
  for (size_t i = 0; i < ins.size(); ++i) {
    Result<ir::Dims> s = im.Shape(im.In(static_cast<int>(i)));
    if (!s.ok()) return s.status();
    if (s->size() != ins[i].size()) return im.Fail("operand " + std::to_string(i) + " has rank " + std::to_string(s->size()));
    for (size_t a = 0; a < ins[i].size(); ++a)
      if (ins[i].find(ins[i][a]) != a) return im.Fail("repeated letters (diagonals) are not supported");
    terms.push_back({im.In(static_cast<int>(i)), ins[i], *s});
  }
  if (terms.size() == 1) {
    SumAway(im, &terms[0], out);
    Arrange(im, &terms[0], out);
    im.SetOutput(0, terms[0].value);
    return Status::Ok();
  }
  Term& a = terms[0];
  Term& b = terms[1];
  SumAway(im, &a, b.letters + out);
  SumAway(im, &b, a.letters + out);
  std::string batch, left, right, contract;
  for (char c : a.letters) {
    const bool in_b = b.letters.find(c) != std::string::npos, in_out = out.find(c) != std::string::npos;
    (in_b ? (in_out ? batch : contract) : left) += c;
  }
  for (char c : b.letters)
    if (a.letters.find(c) == std::string::npos) right += c;
  for (char c : batch)
    if (a.shape[a.letters.find(c)] != b.shape[b.letters.find(c)]) return im.Fail("batch dimensions must match (no broadcasting)");
  Arrange(im, &a, batch + left + contract);
  Arrange(im, &b, batch + contract + right);
  const int32_t nb = Product(a, batch), nl = Product(a, left), nk = Product(a, contract), nr = Product(b, right);
  const int am = im.Reshape(a.value, {nb, nl, nk});
  const int bm = im.Reshape(b.value, {nb, nk, nr});
  tflite::BatchMatMulOptionsT o;
  int y = im.Emit(tflite::BuiltinOperator_BATCH_MATMUL, {am, bm}, Options(o), {.shape = ir::Dims{nb, nl, nr}});
  Term r{y, batch + left + right, {}};
  for (char c : batch + left) r.shape.push_back(a.shape[a.letters.find(c)]);
  for (char c : right) r.shape.push_back(b.shape[b.letters.find(c)]);
  r.value = im.Reshape(y, r.shape);
  if (r.letters.size() != out.size()) return im.Fail("output letters do not match the operands");
  Arrange(im, &r, out);
  im.SetOutput(0, r.value);
  return Status::Ok();
}

}  // namespace litescope
