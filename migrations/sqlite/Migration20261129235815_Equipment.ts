import { Migration } from '../../src/db/migration.js';

export class Migration20261129235815_Equipment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`equipment_notices\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`recipients\` json not null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`equipment_notices_key_unique\` on \`equipment_notices\` (\`key\`);`);

    this.addSql(`create table \`repair_tickets\` (\`id\` integer not null primary key autoincrement, \`equipment_code\` text not null, \`symptom\` text not null, \`reported_by_id\` text not null, \`reported_at\` datetime not null, \`state\` text not null default 'reported', \`state_since\` datetime not null, \`state_visit\` integer not null default 1, \`technician_id\` text null, \`verified_by_id\` text null, \`archived_at\` datetime null, \`revision\` integer not null default 1, constraint \`repair_tickets_equipment_code_foreign\` foreign key(\`equipment_code\`) references \`equipment\`(\`code\`) on update cascade, constraint \`repair_tickets_reported_by_id_foreign\` foreign key(\`reported_by_id\`) references \`people\`(\`id\`) on update cascade, constraint \`repair_tickets_technician_id_foreign\` foreign key(\`technician_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`repair_tickets_verified_by_id_foreign\` foreign key(\`verified_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`repair_tickets_equipment_code_index\` on \`repair_tickets\` (\`equipment_code\`);`);
    this.addSql(`create index \`repair_tickets_reported_by_id_index\` on \`repair_tickets\` (\`reported_by_id\`);`);
    this.addSql(`create index \`repair_tickets_technician_id_index\` on \`repair_tickets\` (\`technician_id\`);`);
    this.addSql(`create index \`repair_tickets_verified_by_id_index\` on \`repair_tickets\` (\`verified_by_id\`);`);
    this.addSql(`create index \`repair_tickets_state_index\` on \`repair_tickets\` (\`state\`);`);
    this.addSql(`create index \`repair_tickets_reported_at_index\` on \`repair_tickets\` (\`reported_at\`);`);

    this.addSql(`create table \`repair_steps\` (\`id\` integer not null primary key autoincrement, \`ticket_id\` integer not null, \`from_state\` text null, \`to_state\` text not null, \`at\` datetime not null, \`by_id\` text null, \`note\` text null, constraint \`repair_steps_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`repair_tickets\`(\`id\`) on delete cascade on update cascade, constraint \`repair_steps_by_id_foreign\` foreign key(\`by_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`repair_steps_ticket_id_index\` on \`repair_steps\` (\`ticket_id\`);`);
    this.addSql(`create index \`repair_steps_by_id_index\` on \`repair_steps\` (\`by_id\`);`);

    this.addSql(`create table \`maintenance_plans\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`equipment_code\` text null, \`equipment_type\` text null, \`every_hours\` integer null, \`every_days\` integer null, \`lead_hours\` integer not null default 0, \`lead_days\` integer not null default 0, \`checklist\` json not null, \`responsible_person_id\` text null, \`responsible_team_id\` text null, \`source\` text not null, \`active\` integer not null default true, \`created_at\` datetime not null, \`created_by\` text null, constraint \`maintenance_plans_equipment_code_foreign\` foreign key(\`equipment_code\`) references \`equipment\`(\`code\`) on delete set null on update cascade, constraint \`maintenance_plans_responsible_person_id_foreign\` foreign key(\`responsible_person_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`maintenance_plans_responsible_team_id_foreign\` foreign key(\`responsible_team_id\`) references \`teams\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`maintenance_plans_code_unique\` on \`maintenance_plans\` (\`code\`);`);
    this.addSql(`create index \`maintenance_plans_equipment_code_index\` on \`maintenance_plans\` (\`equipment_code\`);`);
    this.addSql(`create index \`maintenance_plans_responsible_person_id_index\` on \`maintenance_plans\` (\`responsible_person_id\`);`);
    this.addSql(`create index \`maintenance_plans_responsible_team_id_index\` on \`maintenance_plans\` (\`responsible_team_id\`);`);

    this.addSql(`create table \`maintenance_tasks\` (\`id\` integer not null primary key autoincrement, \`plan_id\` integer not null, \`equipment_code\` text not null, \`cycle\` integer not null, \`status\` text not null default 'open', \`due_reason\` text not null, \`created_at\` datetime not null, \`deadline\` datetime not null, \`accepted_by_id\` text null, \`accepted_at\` datetime null, \`done_by_id\` text null, \`done_at\` datetime null, \`done_at_minutes\` integer null, \`checked\` json null, \`note\` text null, \`postponements\` integer not null default 0, \`postpone_reason\` text null, \`revision\` integer not null default 1, constraint \`maintenance_tasks_plan_id_foreign\` foreign key(\`plan_id\`) references \`maintenance_plans\`(\`id\`) on update cascade, constraint \`maintenance_tasks_equipment_code_foreign\` foreign key(\`equipment_code\`) references \`equipment\`(\`code\`) on update cascade, constraint \`maintenance_tasks_accepted_by_id_foreign\` foreign key(\`accepted_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`maintenance_tasks_done_by_id_foreign\` foreign key(\`done_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`maintenance_tasks_plan_id_index\` on \`maintenance_tasks\` (\`plan_id\`);`);
    this.addSql(`create index \`maintenance_tasks_equipment_code_index\` on \`maintenance_tasks\` (\`equipment_code\`);`);
    this.addSql(`create index \`maintenance_tasks_accepted_by_id_index\` on \`maintenance_tasks\` (\`accepted_by_id\`);`);
    this.addSql(`create index \`maintenance_tasks_done_by_id_index\` on \`maintenance_tasks\` (\`done_by_id\`);`);
    this.addSql(`create index \`maintenance_tasks_status_index\` on \`maintenance_tasks\` (\`status\`);`);
    this.addSql(`create unique index \`maintenance_tasks_plan_id_equipment_code_cycle_unique\` on \`maintenance_tasks\` (\`plan_id\`, \`equipment_code\`, \`cycle\`);`);

    this.addSql(`create table \`maintenance_cycles\` (\`id\` integer not null primary key autoincrement, \`plan_id\` integer not null, \`equipment_code\` text not null, \`cycle\` integer not null default 1, \`baseline_minutes\` integer not null, \`baseline_at\` datetime not null, constraint \`maintenance_cycles_plan_id_foreign\` foreign key(\`plan_id\`) references \`maintenance_plans\`(\`id\`) on delete cascade on update cascade, constraint \`maintenance_cycles_equipment_code_foreign\` foreign key(\`equipment_code\`) references \`equipment\`(\`code\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`maintenance_cycles_plan_id_index\` on \`maintenance_cycles\` (\`plan_id\`);`);
    this.addSql(`create index \`maintenance_cycles_equipment_code_index\` on \`maintenance_cycles\` (\`equipment_code\`);`);
    this.addSql(`create unique index \`maintenance_cycles_plan_id_equipment_code_unique\` on \`maintenance_cycles\` (\`plan_id\`, \`equipment_code\`);`);

    this.addSql(`create table \`equipment_downtimes\` (\`id\` integer not null primary key autoincrement, \`equipment_code\` text not null, \`started_at\` datetime not null, \`ended_at\` datetime null, \`reason\` text not null, \`reported_by_id\` text null, \`ticket_id\` integer null, constraint \`equipment_downtimes_equipment_code_foreign\` foreign key(\`equipment_code\`) references \`equipment\`(\`code\`) on update cascade, constraint \`equipment_downtimes_reported_by_id_foreign\` foreign key(\`reported_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`equipment_downtimes_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`repair_tickets\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`equipment_downtimes_equipment_code_index\` on \`equipment_downtimes\` (\`equipment_code\`);`);
    this.addSql(`create index \`equipment_downtimes_reported_by_id_index\` on \`equipment_downtimes\` (\`reported_by_id\`);`);
    this.addSql(`create index \`equipment_downtimes_ticket_id_index\` on \`equipment_downtimes\` (\`ticket_id\`);`);
    this.addSql(`create index \`equipment_downtimes_equipment_code_ended_at_index\` on \`equipment_downtimes\` (\`equipment_code\`, \`ended_at\`);`);
    this.addSql(`create index \`equipment_downtimes_started_at_index\` on \`equipment_downtimes\` (\`started_at\`);`);

    this.addSql(`alter table \`equipment\` add column \`location\` text null;`);
    this.addSql(`alter table \`equipment\` add column \`model\` text null;`);
    this.addSql(`alter table \`equipment\` add column \`commissioned_on\` text null;`);
    this.addSql(`create index \`equipment_type_index\` on \`equipment\` (\`type\`);`);
  }

}
