package io.hftbus.recorder.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A file channel whose disk the test controls: it fills up at a given size, and its writes can stall. */
final class ControlledChannel extends FileChannel {

    private final FileChannel file;
    private final long capacity;
    private final CountDownLatch stalledWrite = new CountDownLatch(1);
    private volatile CountDownLatch stall;

    /** A channel on a disk of {@code capacity} bytes: a write past it fails as a full disk does. */
    ControlledChannel(FileChannel file, long capacity) {
        this.file = file;
        this.capacity = capacity;
    }

    /** From now on, writes wait until {@link #releaseWrites()}, as on a disk that stalls. */
    void stallWrites() {
        stall = new CountDownLatch(1);
    }

    /** Lets stalled writes go on. */
    void releaseWrites() {
        CountDownLatch gate = stall;
        stall = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Waits until a write is stalled; false after {@code seconds}. */
    boolean awaitStalledWrite(long seconds) throws InterruptedException {
        return stalledWrite.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        CountDownLatch gate = stall;
        if (gate != null) {
            stalledWrite.countDown();
            boolean interrupted = false;
            for (;;) {
                try {
                    gate.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (file.position() + source.remaining() > capacity) {
            throw new IOException("No space left on device");
        }
        return file.write(source);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            written += write(sources[i]);
        }
        return written;
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        throw new IOException("positional writes are not used by the journal");
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return file.read(destination);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        return file.read(destinations, offset, length);
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
        return file.read(destination, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        throw new IOException("transfers are not used by the journal");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new IOException("mapping is not used by the journal");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
