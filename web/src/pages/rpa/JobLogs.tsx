import { Badge, Paper, ScrollArea, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';

export interface LogLine {
  timestamp: string;
  message: string;
  level?: string;
}

const LEVEL_COLORS: Record<string, string> = { ERROR: 'red', WARNING: 'yellow', WARN: 'yellow' };
/** How close to the bottom counts as "following the tail". */
const FOLLOW_SLACK_PX = 40;

function time(timestamp: string): string {
  const match = /T(\d{2}:\d{2}:\d{2})/.exec(timestamp);
  return match ? match[1] : timestamp;
}

/** The job's log; keeps showing the newest line unless the reader scrolled up. */
export function JobLogs({ lines }: { lines: LogLine[] }) {
  const viewport = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useEffect(() => {
    const element = viewport.current;
    if (element && following.current) element.scrollTo({ top: element.scrollHeight });
  }, [lines.length]);

  const onScroll = () => {
    const element = viewport.current;
    if (element) following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_SLACK_PX;
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Log da execução
      </Title>
      <ScrollArea h={320} viewportRef={viewport} onScrollPositionChange={onScroll} type="auto">
        <div role="log" aria-live="polite" aria-label="Log da execução">
          {lines.length === 0 ? (
            <Text c="dimmed" size="sm">
              Nenhuma mensagem ainda.
            </Text>
          ) : (
            lines.map((line, index) => (
              <Text key={index} size="sm" ff="monospace">
                <Text span c="dimmed" ff="monospace" size="sm">
                  {time(line.timestamp)}
                </Text>{' '}
                {line.level && line.level in LEVEL_COLORS && (
                  <Badge size="xs" color={LEVEL_COLORS[line.level]} mr={4}>
                    {line.level}
                  </Badge>
                )}
                {line.message}
              </Text>
            ))
          )}
        </div>
      </ScrollArea>
    </Paper>
  );
}
