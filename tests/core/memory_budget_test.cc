#include "core/memory_budget.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace docsift {
namespace {

TEST(MemoryBudget, ChargesUpToTheLimitAndRefusesPastIt) {
  // The program's resident size is charged when a budget is made: limits leave room above it.
  MemoryBudget probe(0, "test");
  MemoryBudget limited(probe.used(MemoryUse::kProgram) + (uint64_t{64} << 20), "dedup");
  const uint64_t base = limited.used();
  ASSERT_LT(base, limited.limit());
  EXPECT_TRUE(limited.charge(MemoryUse::kFeatures, limited.limit() - base).ok());
  const Status over = limited.charge(MemoryUse::kIndex, 1, 42);
  EXPECT_EQ(over.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(limited.used(MemoryUse::kIndex), 0u);  // nothing charged when refused
  EXPECT_EQ(limited.used(), limited.limit());
  EXPECT_NE(over.message().find("dedup needs about"), std::string::npos) << over.message();
  EXPECT_NE(over.message().find("for 42 documents, over --max-memory"), std::string::npos)
      << over.message();
  EXPECT_NE(over.message().find("raise --max-memory or split the input"), std::string::npos);
  limited.release(MemoryUse::kFeatures, 10);
  EXPECT_TRUE(limited.charge(MemoryUse::kIndex, 10).ok());
  EXPECT_EQ(limited.peak(), limited.limit());
  EXPECT_EQ(limited.remaining(), 0u);
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// Memory the estimates do not know of still counts: once the process holds more than was
// charged, the next charge is refused against what is resident, and the message says so.
TEST(MemoryBudget, ResidentMemoryBeyondTheChargesIsRefusedAtTheNextCharge) {
  MemoryBudget probe(0, "test");
  MemoryBudget budget(probe.used(MemoryUse::kProgram) + (uint64_t{64} << 20), "passages");
  ASSERT_TRUE(budget.charge(MemoryUse::kReading, uint64_t{1} << 20).ok());
  // 96 MiB nobody charged, every page touched so that it is resident.
  std::vector<char> uncharged(size_t{96} << 20);
  for (size_t i = 0; i < uncharged.size(); i += 4096)
    uncharged[i] = static_cast<char>(1 + i / 4096 % 100);
  const Status over = budget.charge(MemoryUse::kPassages, uint64_t{1} << 20, 7);
  EXPECT_EQ(over.code(), StatusCode::kResourceExhausted) << "charged " << budget.used();
  EXPECT_NE(over.message().find("passages needs about"), std::string::npos) << over.message();
  EXPECT_NE(over.message().find("other resident"), std::string::npos) << over.message();
  EXPECT_EQ(budget.used(MemoryUse::kPassages), 0u);
  EXPECT_GE(budget.resident_peak(), uint64_t{96} << 20);
  EXPECT_EQ(uncharged[4096], 2);  // the buffer lives until after the charge
  // Without a limit, nothing is refused (and statm is not read).
  MemoryBudget unlimited(0, "passages");
  EXPECT_TRUE(unlimited.charge(MemoryUse::kPassages, uint64_t{1} << 20).ok());
}
#endif

TEST(MemoryBudget, NoLimitCountsButNeverRefuses) {
  MemoryBudget budget(0);
  EXPECT_TRUE(budget.charge(MemoryUse::kTexts, uint64_t{1} << 60).ok());
  EXPECT_EQ(budget.remaining(), UINT64_MAX);
  EXPECT_GE(budget.peak(), uint64_t{1} << 60);
}

TEST(MemoryBudget, ChargeFollowsItsConsumerAndReleasesOnDestruction) {
  MemoryBudget budget(uint64_t{1} << 40);
  const uint64_t base = budget.used();
  {
    MemoryCharge c(&budget, MemoryUse::kPassages);
    ASSERT_TRUE(c.grow_to(1000).ok());
    ASSERT_TRUE(c.grow_to(500).ok());  // never shrinks
    // Charged with the allocator's slack: a quarter more.
    EXPECT_EQ(budget.used(MemoryUse::kPassages), 1250u);
    ASSERT_TRUE(c.set(300).ok());
    EXPECT_EQ(budget.used(), base + 375);
    ASSERT_TRUE(c.add(200).ok());
    EXPECT_EQ(c.bytes(), 500u);
  }
  EXPECT_EQ(budget.used(), base);
  MemoryCharge none(nullptr, MemoryUse::kIndex);
  EXPECT_TRUE(none.set(uint64_t{1} << 62).ok());
}

TEST(MemoryBudget, AFailedGrowthLeavesTheShareAsItWas) {
  MemoryBudget probe(0);
  MemoryBudget budget(probe.used() + (uint64_t{16} << 20));
  MemoryCharge c(&budget, MemoryUse::kVectors);
  ASSERT_TRUE(c.set(1024).ok());
  EXPECT_EQ(c.set(uint64_t{64} << 20).code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(c.bytes(), 1024u);
  EXPECT_EQ(budget.used(MemoryUse::kVectors), 1280u);
}

// Many threads charging and releasing: the total never passes the limit and ends where it began.
TEST(MemoryBudget, ThreadSafe) {
  MemoryBudget probe(0);
  const uint64_t limit = probe.used() + (uint64_t{64} << 20);
  MemoryBudget budget(limit);
  const uint64_t base = budget.used();
  ASSERT_LT(base, limit);
  const uint64_t piece = uint64_t{12} << 20;  // 8 threads x 12 MiB > 64 MiB: some are refused
  std::vector<std::thread> threads;
  std::atomic<uint64_t> refused{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        if (budget.charge(MemoryUse::kIndex, piece).ok()) {
          budget.release(MemoryUse::kIndex, piece);
        } else {
          ++refused;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(budget.used(), base);
  EXPECT_LE(budget.peak(), limit);
}

TEST(MemoryBudget, VectorGrowthCountsTheOldBufferWhileItMoves) {
  EXPECT_EQ(vector_growth_bytes(8, 8, 4), 32u);             // fits: capacity only
  EXPECT_EQ(vector_growth_bytes(8, 9, 4), (16u + 8u) * 4);  // doubles, old copy counted
  EXPECT_EQ(vector_growth_bytes(0, 5, 1), 8u);
  EXPECT_EQ(vector_growth_bytes(3, 100, 1), 192u + 3u);
}

TEST(MemoryBudget, ParsesSizesWithUnitsAndPlainMebibytes) {
  const uint64_t mib = uint64_t{1} << 20;
  EXPECT_EQ(parse_memory_size("512M").value(), 512 * mib);
  EXPECT_EQ(parse_memory_size("2G").value(), 2048 * mib);
  EXPECT_EQ(parse_memory_size("2g").value(), 2048 * mib);
  EXPECT_EQ(parse_memory_size("1.5GiB").value(), 1536 * mib);
  EXPECT_EQ(parse_memory_size("64KB").value(), 64u * 1024);
  EXPECT_EQ(parse_memory_size("1T").value(), uint64_t{1} << 40);
  EXPECT_EQ(parse_memory_size("4096B").value(), 4096u);
  EXPECT_EQ(parse_memory_size("300").value(), 300 * mib);  // a plain number is MiB
  EXPECT_EQ(parse_memory_size("0.5").value(), mib / 2);
  EXPECT_EQ(parse_memory_size("0").value(), 0u);  // no budget
  EXPECT_EQ(parse_memory_size("0.0000001").value(), 1u);
  for (const char* bad : {"-1", "-0.5", " -2G", "nan", "NaN", "inf", "-inf", "infinity", "", "G",
                          "12X", "1e30", "5 MB extra"}) {
    auto r = parse_memory_size(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
      EXPECT_NE(r.status().message().find("--max-memory"), std::string::npos);
    }
  }
}

TEST(MemoryBudget, DefaultIsAShareOfTheAvailableMemory) {
  auto ram = MemoryBudget::available_ram();
  if (!ram) GTEST_SKIP() << "no /proc/meminfo";
  EXPECT_GT(*ram, 0u);
  const uint64_t limit = MemoryBudget::default_limit();
  EXPECT_GT(limit, 0u);
  // MemAvailable moves between the two reads; a tenth of slack.
  EXPECT_LE(static_cast<double>(limit), *ram * MemoryBudget::kDefaultShare * 1.1);
}

TEST(MemoryBudget, MebibytesText) {
  EXPECT_EQ(mebibytes_text(512), "512 B");
  EXPECT_EQ(mebibytes_text(uint64_t{512} << 20), "512 MiB");
  EXPECT_EQ(mebibytes_text(uint64_t{3} << 29), "1.5 GiB");
}

}  // namespace
}  // namespace docsift
