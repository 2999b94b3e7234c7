// The view graph of the sample classifier and of every shared model: node and edge counts
// computed directly from the FlatBuffer, weights folded or shown, called subgraphs found.
#include "app/core/view_graph.h"

#include <gtest/gtest.h>


#include "tests/app/expected_counts.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using testing::BuildAndLoad;

TEST(ViewGraph, SampleClassifierFoldsItsWeights) {
  ModelBuilder b = SampleClassifier();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  const ViewGraph g = BuildViewGraph(*m, 0, {}, [](const std::string& op) { return op == "SOFTMAX" ? "Activation" : "Layer"; });
  ASSERT_EQ(g.nodes.size(), 9u);  // input, 7 operators, output
  EXPECT_EQ(g.edges.size(), 8u);
  EXPECT_EQ(g.nodes[0].kind, GraphNode::Kind::kInput);
  EXPECT_EQ(g.nodes[1].title, "CONV_2D");
  EXPECT_EQ(g.nodes[1].folded.size(), 2u);  // weights and bias
  EXPECT_EQ(g.nodes[7].category, "Activation");
  EXPECT_EQ(g.nodes[8].kind, GraphNode::Kind::kOutput);
  EXPECT_EQ(g.node_of_op[0], 1);
  EXPECT_EQ(g.edges[0].label, "1x32x32x3 FLOAT32");

  const ViewGraph shown = BuildViewGraph(*m, 0, {.show_constants = true});
  EXPECT_EQ(shown.nodes.size(), 9u + 9u);  // 2+2+0+2+1+2+0 constant inputs as nodes
  EXPECT_EQ(shown.edges.size(), 8u + 9u);
  EXPECT_TRUE(shown.nodes[2].folded.empty());
}

TEST(ViewGraph, EverySharedModelHasTheRightCounts) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  int subgraphs = 0;
  for (const std::string& rel : testing::SharedTfliteModels()) {
    Result<std::unique_ptr<Model>> m = Model::Load((*testing::SharedDir() / "models" / rel).string());
    if (!m.ok()) continue;  // the loader's own tests cover files it refuses
    for (int s = 0; s < (*m)->subgraph_count(); ++s, ++subgraphs) {
      const ViewGraph g = BuildViewGraph(**m, s, {});
      const auto [nodes, edges] = testing::ExpectedViewCounts(*(*m)->fb().subgraphs()->Get(static_cast<unsigned>(s)));
      EXPECT_EQ(g.nodes.size(), nodes) << rel << " subgraph " << s;
      EXPECT_EQ(g.edges.size(), edges) << rel << " subgraph " << s;
      for (const GraphEdge& e : g.edges) EXPECT_LT(e.from, e.to) << rel;  // ops are in execution order
    }
  }
  EXPECT_GT(subgraphs, 80);
}

}  // namespace
}  // namespace litescope
