// The ramp as a row of days, each with the share of mail it moves; today's day is marked.
/** The 100 % bar's height; the others scale to it. */
const BAR_MAX_PX = 70;

export function RampStrip({ schedule, day }: { schedule: number[]; day: number | null }) {
  return (
    <ol className="ramp" aria-label="The ramp, percent of the mail per day" data-testid="split-ramp">
      {schedule.map((percent, index) => {
        const isToday = day === index + 1;
        return (
          <li key={index} className={`ramp-day${isToday ? ' is-today' : ''}${day !== null && index + 1 < day ? ' is-past' : ''}`} aria-current={isToday ? 'step' : undefined}>
            <span className="ramp-bar" style={{ height: Math.round((Math.max(percent, 4) * BAR_MAX_PX) / 100) }} aria-hidden="true" />
            <span className="ramp-percent">{percent}%</span>
            <span className="ramp-label muted">day {index + 1}</span>
          </li>
        );
      })}
    </ol>
  );
}
