// BatchHandoff between two real threads: every batch reaches the consumer once, in order, and
// the producer never refills a slot the consumer still reads; a consumer's failure reaches the
// producer, and a producer that gives up releases the consumer.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/batch_handoff.hpp"

namespace framebench {
namespace {

void jitter(std::mt19937& rng) { std::this_thread::sleep_for(std::chrono::microseconds(rng() % 200)); }

TEST(BatchHandoff, EveryBatchReachesTheConsumerInOrderAndNoSlotIsRefilledEarly) {
  for (const std::size_t slots : {1u, 2u, 4u}) {
    constexpr std::size_t kBatches = 300;
    // Each slot holds the index of the batch in it; the consumer reads it twice, a while apart,
    // so a producer that refilled the slot meanwhile would be caught.
    std::vector<std::atomic<std::size_t>> slot(slots);
    BatchHandoff handoff(slots);
    std::vector<std::size_t> seen;
    bool refilled = false;
    std::thread consumer([&] {
      std::mt19937 rng(2);
      while (const auto batch = handoff.take()) {
        const std::size_t first = slot[*batch % slots].load();
        jitter(rng);
        refilled = refilled || slot[*batch % slots].load() != first;
        seen.push_back(first);
        handoff.give_back();
      }
    });
    std::mt19937 rng(1);
    for (std::size_t b = 0; b < kBatches; ++b) {
      handoff.wait_for_slot(b);
      slot[b % slots].store(b);
      if (b % 3 == 0) jitter(rng);
      handoff.publish();
    }
    handoff.close();
    consumer.join();
    EXPECT_FALSE(refilled) << slots << " slots";
    ASSERT_EQ(seen.size(), kBatches) << slots << " slots";
    for (std::size_t b = 0; b < kBatches; ++b) EXPECT_EQ(seen[b], b) << slots << " slots";
  }
}

TEST(BatchHandoff, TheProducerWaitsForTheSlotAndNoFurther) {
  BatchHandoff handoff(2);
  handoff.wait_for_slot(0);
  handoff.publish();
  handoff.wait_for_slot(1);  // a second slot is free: no wait
  handoff.publish();
  std::atomic<bool> got_slot{false};
  std::thread producer([&] {
    handoff.wait_for_slot(2);  // needs batch 0 back
    got_slot = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(got_slot);
  EXPECT_EQ(handoff.take(), 0u);
  handoff.give_back();  // whatever take() said, so the producer is released and joined
  producer.join();
  EXPECT_TRUE(got_slot);
  EXPECT_EQ(handoff.take(), 1u);
}

TEST(BatchHandoff, AConsumersFailureReachesTheWaitingProducer) {
  BatchHandoff handoff(1);
  handoff.wait_for_slot(0);
  handoff.publish();
  std::thread consumer([&] {
    EXPECT_EQ(handoff.take(), 0u);
    handoff.fail(std::make_exception_ptr(std::runtime_error("encoder: disk full")));  // always, or the producer would hang
  });
  try {
    handoff.wait_for_slot(1);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "encoder: disk full");
  }
  consumer.join();
  EXPECT_TRUE(handoff.error());
}

TEST(BatchHandoff, CloseWithNothingPublishedAndAbandonReleaseTheConsumer) {
  BatchHandoff closed(3);
  std::thread consumer([&] { EXPECT_FALSE(closed.take()); });
  closed.close();
  consumer.join();

  BatchHandoff abandoned(3);
  abandoned.publish();  // published but never to be taken: the producer is unwinding
  abandoned.abandon();
  EXPECT_FALSE(abandoned.take());
  EXPECT_FALSE(abandoned.error());
}

}  // namespace
}  // namespace framebench
