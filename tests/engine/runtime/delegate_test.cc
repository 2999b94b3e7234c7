#include "engine/runtime/delegate.h"

#include <gtest/gtest.h>

#include <map>

#include "engine/runtime/interpreter.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using tflite::TensorType_FLOAT32;

TEST(PartitionNodes, GroupsRunsAndAppliesOptions) {
  // chain: node i reads tensor i and writes tensor i + 1; tensor 8 is the graph output
  std::vector<std::vector<int32_t>> ins, outs;
  for (int i = 0; i < 8; ++i) ins.push_back({i}), outs.push_back({i + 1});
  std::vector<bool> supported = {true, true, false, true, false, true, true, true};
  std::vector<Partition> all = PartitionNodes(supported, ins, outs, {8}, {});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].nodes, (std::vector<int>{0, 1}));
  EXPECT_EQ(all[0].inputs, (std::vector<int32_t>{0}));
  EXPECT_EQ(all[0].outputs, (std::vector<int32_t>{2}));
  EXPECT_EQ(all[2].nodes, (std::vector<int>{5, 6, 7}));
  EXPECT_EQ(all[2].outputs, (std::vector<int32_t>{8}));

  PartitionOptions min2;
  min2.min_nodes_per_partition = 2;
  EXPECT_EQ(PartitionNodes(supported, ins, outs, {8}, min2).size(), 2u);
  PartitionOptions max1;
  max1.max_partitions = 1;
  std::vector<Partition> largest = PartitionNodes(supported, ins, outs, {8}, max1);
  ASSERT_EQ(largest.size(), 1u);
  EXPECT_EQ(largest[0].nodes, (std::vector<int>{5, 6, 7}));
}

// A delegate that runs chains of same-shape float ADDs with its own code and buffers.
class AddDelegate : public Delegate {
 public:
  std::string name() const override { return "test-add"; }
  bool Supports(const NodeInfo& n) const override {
    return n.op == tflite::BuiltinOperator_ADD && n.inputs.size() == 2 && n.inputs[0] && n.inputs[1] &&
           n.inputs[0]->shape == n.inputs[1]->shape && n.inputs[0]->type == TensorType_FLOAT32;
  }
  Result<std::unique_ptr<Kernel>> CreateKernel(const Partition& p, const std::vector<NodeInfo>& nodes) override {
    ++partitions_created;
    auto k = std::make_unique<PartitionKernel>();
    k->partition = p;
    for (const NodeInfo& n : nodes) k->ops.push_back({n.view->inputs()[0], n.view->inputs()[1], n.view->outputs()[0]});
    return std::unique_ptr<Kernel>(std::move(k));
  }
  int partitions_created = 0;

 private:
  struct AddOp {
    int32_t a, b, out;
  };
  struct PartitionKernel : Kernel {
    Partition partition;
    std::vector<AddOp> ops;
    Status Prepare(OpContext& ctx) override {
      for (int i = 0; i < ctx.output_count(); ++i) LITESCOPE_RETURN_IF_ERROR(ctx.ResizeOutput(i, ctx.output(i)->shape));
      return Status::Ok();
    }
    Status Eval(OpContext& ctx) override {
      std::map<int32_t, std::vector<float>> values;
      for (size_t i = 0; i < partition.inputs.size(); ++i) {
        const Tensor& t = *ctx.input(static_cast<int>(i));
        values[partition.inputs[i]].assign(t.data<float>(), t.data<float>() + t.elements());
      }
      for (const AddOp& op : ops) {
        std::vector<float> r = values[op.a];
        for (size_t k = 0; k < r.size(); ++k) r[k] += values[op.b][k];
        values[op.out] = r;
      }
      for (size_t i = 0; i < partition.outputs.size(); ++i) {
        const std::vector<float>& v = values[partition.outputs[i]];
        std::copy(v.begin(), v.end(), ctx.output(static_cast<int>(i))->data<float>());
      }
      return Status::Ok();
    }
  };
};

// x -> add(x, x) -> add(., x) -> mul(., 2) -> add(., x) -> out
ModelBuilder Chain() {
  ModelBuilder b;
  int x = b.AddTensor("x", TensorType_FLOAT32, {3});
  int a1 = b.AddTensor("a1", TensorType_FLOAT32, {3});
  int a2 = b.AddTensor("a2", TensorType_FLOAT32, {3});
  int m = b.AddTensor("m", TensorType_FLOAT32, {3});
  int out = b.AddTensor("out", TensorType_FLOAT32, {3});
  int two = b.AddConstTensor("two", TensorType_FLOAT32, {}, std::vector<float>{2});
  b.AddOperator(tflite::BuiltinOperator_ADD, {x, x}, {a1}, Options(tflite::AddOptionsT{}));
  b.AddOperator(tflite::BuiltinOperator_ADD, {a1, x}, {a2}, Options(tflite::AddOptionsT{}));
  b.AddOperator(tflite::BuiltinOperator_MUL, {a2, two}, {m}, Options(tflite::MulOptionsT{}));
  b.AddOperator(tflite::BuiltinOperator_ADD, {m, x}, {out}, Options(tflite::AddOptionsT{}));
  b.SetInputs({x});
  b.SetOutputs({out});
  return b;
}

std::vector<float> RunChain(InterpreterOptions options, std::vector<std::string>* placement = nullptr) {
  ModelBuilder b = Chain();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*model, BuiltinOps(), options);
  EXPECT_TRUE(it.ok()) << it.status().message();
  if (!it.ok()) return {};
  float* x = (*it)->input(0)->data<float>();
  x[0] = 1, x[1] = -2, x[2] = 0.5f;
  EXPECT_TRUE((*it)->Invoke().ok());
  if (placement) *placement = (*it)->node_placement();
  const float* out = (*it)->output(0)->data<float>();
  return {out, out + 3};
}

TEST(Delegate, RunsPartitionsAndRecordsPlacement) {
  AddDelegate delegate;
  InterpreterOptions options;
  options.delegates = {&delegate};
  std::vector<std::string> placement;
  std::vector<float> with = RunChain(options, &placement);
  EXPECT_EQ(with, RunChain({}));
  EXPECT_EQ(with, (std::vector<float>{7, -14, 3.5f}));  // ((x + x) + x) * 2 + x
  EXPECT_EQ(delegate.partitions_created, 2);
  EXPECT_EQ(placement, (std::vector<std::string>{"test-add", "test-add", "cpu", "test-add"}));
}

TEST(Delegate, MinNodesKeepsSmallGroupsOnTheCpu) {
  AddDelegate delegate;
  InterpreterOptions options;
  options.delegates = {&delegate};
  options.partitioning.min_nodes_per_partition = 2;
  std::vector<std::string> placement;
  EXPECT_EQ(RunChain(options, &placement), (std::vector<float>{7, -14, 3.5f}));
  EXPECT_EQ(placement, (std::vector<std::string>{"test-add", "test-add", "cpu", "cpu"}));
}

}  // namespace
}  // namespace litescope
