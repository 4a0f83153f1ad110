#include "plugin_host/frame_io.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <thread>

namespace gigscout::frame {
namespace {

struct SocketPair {
    int fd[2];
    SocketPair() {
        EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fd), 0);
        ::fcntl(fd[0], F_SETFL, ::fcntl(fd[0], F_GETFL) | O_NONBLOCK);
    }
    ~SocketPair() {
        close(0);
        close(1);
    }
    void close(int i) {
        if (fd[i] >= 0) {
            ::close(fd[i]);
            fd[i] = -1;
        }
    }
};

Clock::time_point in(int ms) {
    return Clock::now() + std::chrono::milliseconds(ms);
}

TEST(FrameIo, LargeFramesRoundTripThroughABlockingAndANonBlockingEnd) {
    SocketPair s;
    std::string payload(5'000'000, 'x');
    payload[123] = '\0';  // raw bytes, not text
    std::thread writer([&] {
        EXPECT_EQ(write_frame(s.fd[1], R"({"op":"parse"})", payload, Clock::time_point::max()),
                  IoStatus::Ok);
    });
    Frame f;
    EXPECT_EQ(read_frame(s.fd[0], f, {1024, 10'000'000}, in(10'000)), IoStatus::Ok);
    writer.join();
    EXPECT_EQ(f.header, R"({"op":"parse"})");
    EXPECT_EQ(f.payload, payload);
}

TEST(FrameIo, ReadTimesOutWhenNothingComes) {
    SocketPair s;
    Frame f;
    EXPECT_EQ(read_frame(s.fd[0], f, {1024, 1024}, in(50)), IoStatus::Timeout);
}

TEST(FrameIo, ReadReportsAClosedPeer) {
    SocketPair s;
    s.close(1);
    Frame f;
    EXPECT_EQ(read_frame(s.fd[0], f, {1024, 1024}, in(5000)), IoStatus::Closed);
}

TEST(FrameIo, WriteToAClosedPeerIsReportedWithoutSigpipe) {
    SocketPair s;
    s.close(1);
    EXPECT_EQ(write_frame(s.fd[0], "{}", std::string(1'000'000, 'x'), in(5000)), IoStatus::Closed);
}

TEST(FrameIo, WriteTimesOutWhenThePeerDoesNotRead) {
    SocketPair s;
    EXPECT_EQ(write_frame(s.fd[0], "{}", std::string(20'000'000, 'x'), in(100)), IoStatus::Timeout);
}

TEST(FrameIo, LengthsAboveTheCapAreRefusedBeforeReading) {
    SocketPair s;
    ASSERT_EQ(write_frame(s.fd[1], std::string(2000, 'h'), "", in(5000)), IoStatus::Ok);
    Frame f;
    EXPECT_EQ(read_frame(s.fd[0], f, {1000, 1000}, in(5000)), IoStatus::TooLarge);
    EXPECT_TRUE(f.header.empty());
}

}  // namespace
}  // namespace gigscout::frame
